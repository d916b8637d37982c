import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { referenceFile } from './__fixtures__/reference-xoev.js';
import { compileSchematron, isSchematronCompilerPrepared, SCHEMATRON_PREPARE_SCRIPT, SCHXSLT_VERSION } from './schematron-compiler.js';
import { createSchematronValidatorCache } from './schematron-validator-cache.js';
import { createSchematronValidator, severityOfRole, type SchematronValidator } from './schematron-validator.js';

const xbauRules = referenceFile('xbau-2.6/sch/xbau-schematron.sch');
const xbauEmptyElementRules = referenceFile('xbau-2.6/sch/xbau-schematron-leere-elemente.sch');
const roleRules = fileURLToPath(new URL('./__fixtures__/schematron-roles.sch', import.meta.url));

/** The message header of an XBau 0200 with the given reader's Behördenkennung (the rest of the message does not matter to these rules). */
function xbau0200(leserKennung: string, verzeichnisdienst = 'DVDV'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<xbau:baugenehmigung.antrag.0200 xmlns:xbau="http://www.xleitstelle.de/xbau/2/6" produkt="Amtsbote" produkthersteller="Test" standard="XBau-Hochbau" version="2.6">
  <nachrichtenkopf.g2g>
    <leser><verzeichnisdienst listVersionID="3"><code>${verzeichnisdienst}</code></verzeichnisdienst><kennung>${leserKennung}</kennung><name>Bauaufsicht</name></leser>
    <autor><verzeichnisdienst listVersionID="3"><code>DVDV</code></verzeichnisdienst><kennung>bau:06411000</kennung><name>Onlinedienst</name></autor>
  </nachrichtenkopf.g2g>
</xbau:baugenehmigung.antrag.0200>
`;
}

// Preparing resolves SchXslt from Maven Central (once per machine); compiling the official XBau
// rules takes ~30 s the first time (then the cache answers).
beforeAll(() => {
  if (!isSchematronCompilerPrepared()) execFileSync('bash', [SCHEMATRON_PREPARE_SCRIPT], { stdio: 'inherit' });
}, 300_000);

describe('createSchematronValidator with the official XBau 2.6 rules', () => {
  let validator: SchematronValidator;
  beforeAll(async () => {
    validator = await createSchematronValidator({ schematronFile: xbauRules });
  }, 300_000);

  it('finds nothing wrong with DVDV keys of the form prefix:digits', () => {
    expect(validator.validate(xbau0200('bau:064320000000'))).toEqual({ valid: true, findings: [], errorCount: 0, warningCount: 0 });
  });

  it('reports rule sch-xbau-001 as an error when the reader DVDV key breaks the official pattern', () => {
    const result = validator.validate(xbau0200('dvdv:06411000-bauaufsicht'));
    expect(result.valid).toBe(false);
    expect(result.errorCount).toBe(1);
    expect(result.findings).toEqual([
      {
        id: 'sch-xbau-001',
        kind: 'failed-assert',
        severity: 'error',
        role: null,
        flag: null,
        location: '/Q{http://www.xleitstelle.de/xbau/2/6}baugenehmigung.antrag.0200[1]/Q{}nachrichtenkopf.g2g[1]',
        test: "if (leser/verzeichnisdienst/code = 'DVDV') then (matches(leser/kennung,'^[a-z]{3}:\\d+$')) else true()",
        text: expect.stringContaining('Die Behördenkennung des Elements "leser" verstößt gegen diese Festlegung.') as string,
      },
    ]);
  });

  it('applies the DVDV rule only to keys of the DVDV directory, as the official rule says', () => {
    expect(validator.validate(xbau0200('Bauaufsicht Darmstadt', 'PVOG')).valid).toBe(true);
  });

  it('reports a document that is not well-formed as a fatal finding instead of throwing', () => {
    const result = validator.validate('<xbau:baugenehmigung.antrag.0200 xmlns:xbau="x"><offen></xbau:baugenehmigung.antrag.0200>');
    expect(result.valid).toBe(false);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'not-well-formed', severity: 'fatal', id: null })]);
  });

  it('takes the compiled rules from the cache the second time', async () => {
    const compiled = await compileSchematron({ schematronFile: xbauRules });
    expect(compiled.compiled).toBe(false);
    expect(compiled.sefFile).toMatch(/xbau-schematron-[0-9a-f]{16}\.sef\.json$/);
  });

  it('validates one message in well under a second (per-message cost is printed)', () => {
    const documents = Array.from({ length: 40 }, (_, i) => xbau0200(i % 2 === 0 ? `bau:0641100${i}` : `dvdv:${i}`));
    const started = performance.now();
    const results = documents.map((xml) => validator.validate(xml));
    const perMessage = (performance.now() - started) / documents.length;
    console.log(`Schematron (XBau 2.6 rules, SchXslt ${SCHXSLT_VERSION}, SaxonJS): ${perMessage.toFixed(1)} ms per message`);
    expect(results.filter((r) => r.valid)).toHaveLength(20);
    expect(perMessage).toBeLessThan(1_000);
  }, 120_000);
});

describe('createSchematronValidator with the official rule against empty elements', () => {
  it('reports sch-xbau-gen-001 for an element that is empty or whitespace only', async () => {
    const validator = await createSchematronValidator({ schematronFile: xbauEmptyElementRules });
    const result = validator.validate(xbau0200('bau:1').replace('<name>Bauaufsicht</name>', '<name> </name>'));
    expect(result.findings.map((f) => [f.id, f.location])).toEqual([
      ['sch-xbau-gen-001', '/Q{http://www.xleitstelle.de/xbau/2/6}baugenehmigung.antrag.0200[1]/Q{}nachrichtenkopf.g2g[1]/Q{}leser[1]/Q{}name[1]'],
    ]);
    expect(validator.validate(xbau0200('bau:1')).valid).toBe(true);
  }, 300_000);
});

describe('roles', () => {
  let validator: SchematronValidator;
  beforeAll(async () => {
    validator = await createSchematronValidator({ schematronFile: roleRules, maxFindings: 2 });
  }, 300_000);

  it('blocks on errors and fatal findings, and only reports warnings and infos', () => {
    const onlyHints = validator.validate('<antrag xmlns="urn:amtsbote:test"><name>A</name><bemerkung>B</bemerkung></antrag>');
    expect(onlyHints.valid).toBe(true);
    expect(onlyHints.warningCount).toBe(2);
    expect(onlyHints.findings).toEqual([
      expect.objectContaining({ id: 't-warning', kind: 'failed-assert', severity: 'warning', role: 'warning' }),
      expect.objectContaining({ id: 't-info', kind: 'successful-report', severity: 'info', role: 'info', flag: 'hinweis' }),
    ]);

    const blocked = validator.validate('<antrag xmlns="urn:amtsbote:test"><telefon>1</telefon><gesperrt/></antrag>');
    expect(blocked).toMatchObject({ valid: false, errorCount: 2, warningCount: 0 });
    expect(blocked.findings.map((f) => [f.id, f.severity])).toEqual([
      ['t-error', 'error'],
      ['t-fatal', 'fatal'],
    ]);
  });

  it('lists at most maxFindings findings but counts them all', () => {
    const result = validator.validate('<antrag xmlns="urn:amtsbote:test"><bemerkung>B</bemerkung><gesperrt/></antrag>');
    expect(result.findings).toHaveLength(2);
    expect(result.errorCount + result.warningCount).toBe(4);
  });

  it.each([
    [null, 'error'],
    ['error', 'error'],
    ['Fatal', 'fatal'],
    ['warning', 'warning'],
    ['warn', 'warning'],
    ['info', 'info'],
    ['information', 'info'],
    ['something else', 'error'],
  ] as const)('maps the role %s to the severity %s', (role, severity) => {
    expect(severityOfRole(role)).toBe(severity);
  });
});

describe('createSchematronValidatorCache', () => {
  it('loads each Schematron once per process', async () => {
    const cache = createSchematronValidatorCache();
    const [a, b] = await Promise.all([cache.get(roleRules), cache.get(roleRules)]);
    expect(a).toBe(b);
    expect(cache.size).toBe(1);
  }, 300_000);

  it('names the preparation script when the compiler is missing, and does not cache the failure', async () => {
    const cache = createSchematronValidatorCache({ cacheDir: '/nonexistent/amtsbote-schematron' });
    await expect(cache.get(roleRules)).rejects.toMatchObject({ code: 'XOEV_SCHEMA_COMPILE_FAILED', message: expect.stringContaining('prepare-schematron.sh') as string });
    expect(cache.size).toBe(0);
  });
});
