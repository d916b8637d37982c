import { describe, expect, it } from 'vitest';
import { dateiformatCodeOf, primaerdokumentDateiname } from './attachment-dokument.js';

const id = 'be03abfe-0428-5a20-a3c1-524602445f97';

describe('dateiformatCodeOf', () => {
  it.each([
    ['application/pdf', '018'],
    ['APPLICATION/PDF', '018'],
    ['application/pdf; version=1.7', '018'],
    ['image/jpeg', '011'],
    ['image/png', '019'],
    ['image/tiff', '024'],
    ['text/plain;charset=utf-8', '045'],
    ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', '035'],
    ['application/vnd.oasis.opendocument.text', '015'],
    ['application/xml', '030'],
  ])('maps %s to Dateiformat %s', (mediaType, code) => {
    expect(dateiformatCodeOf(mediaType)).toBe(code);
  });

  it.each(['image/vnd.dwg', 'application/octet-stream', '', 'kein Medientyp'])('maps %j to 100 (Sonstiges)', (mediaType) => {
    expect(dateiformatCodeOf(mediaType)).toBe('100');
  });
});

describe('primaerdokumentDateiname', () => {
  it.each([
    ['Gesellschaftsvertrag Weiß Feinbäckerei.pdf', `${id}_Gesellschaftsvertrag_Weiß_Feinbäckerei.pdf`],
    ['../../etc/passwd', `${id}_etc_passwd`],
    ['C:\\Users\\jw\\scan<1>.png', `${id}_C_Users_jw_scan_1_.png`],
    ['.versteckt', `${id}_versteckt`],
    ['', id],
    ['***', id],
  ])('turns the uploaded name %j into %j: the UUID first, no path or reserved characters', (name, expected) => {
    expect(primaerdokumentDateiname(id, name)).toBe(expected);
  });

  it('keeps the name within a length every file system accepts', () => {
    expect(primaerdokumentDateiname(id, `${'ä'.repeat(500)}.pdf`).length).toBeLessThanOrEqual(id.length + 1 + 120);
  });
});
