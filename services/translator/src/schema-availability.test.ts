import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Mapping } from './mappings/registry.js';
import { xdomeaGeschaeftsgang0201Mapping } from './mappings/xdomea/index.js';
import { xgewerbeanzeigeGewerbemeldung0300Mapping } from './mappings/xgewerbeanzeige/index.js';
import { checkSchemaAvailability, checkWellFormed, unvalidatedWarning } from './schema-availability.js';

const schemaDir = path.resolve('/srv/xoev');

function mapping(name: string, schemaOptional?: true): Mapping {
  return {
    standard: name,
    version: '1.0',
    messageType: `${name}.nachricht.0100`,
    serviceKeys: '*',
    codeLists: [],
    schemaFile: `${name}/${name}.xsd`,
    ...(schemaOptional ? { schemaOptional } : {}),
    map: () => '<x/>',
  };
}

describe('checkSchemaAvailability', () => {
  const required = mapping('required');
  const optional = mapping('optional', true);
  const names = (entries: readonly { mapping: Mapping }[]) => entries.map((entry) => entry.mapping.standard);

  it.each([
    ['both XSDs are there', ['required', 'optional'], { validated: ['required', 'optional'], unvalidated: [], missing: [] }],
    ['the optional XSD is absent', ['required'], { validated: ['required'], unvalidated: ['optional'], missing: [] }],
    ['the required XSD is absent', ['optional'], { validated: ['optional'], unvalidated: [], missing: ['required'] }],
    ['the folder is empty', [], { validated: [], unvalidated: ['optional'], missing: ['required'] }],
  ])('sorts the mappings when %s', (_case, present, expected) => {
    const files = new Set(present.map((name) => path.join(schemaDir, name, `${name}.xsd`)));
    const availability = checkSchemaAvailability(schemaDir, [required, optional], (file) => files.has(file));
    expect({ validated: names(availability.validated), unvalidated: names(availability.unvalidated), missing: names(availability.missing) }).toEqual(expected);
  });

  it('resolves each schema file against the schema folder', () => {
    const seen: string[] = [];
    checkSchemaAvailability(schemaDir, [required], (file) => (seen.push(file), true));
    expect(seen).toEqual([path.join(schemaDir, 'required', 'required.xsd')]);
  });

  it('finds, in the shared reference folder, the xdomea XSD but not the XGewerbeanzeige XSD', () => {
    const shared = fileURLToPath(new URL('../../../../shared/xoev/', import.meta.url));
    const availability = checkSchemaAvailability(shared, [xdomeaGeschaeftsgang0201Mapping, xgewerbeanzeigeGewerbemeldung0300Mapping]);
    expect(names(availability.validated)).toEqual(['xdomea']);
    expect(names(availability.unvalidated)).toEqual(['XGewerbeanzeige']);
    expect(availability.missing).toEqual([]);
  });
});

describe('unvalidatedWarning', () => {
  it('says nothing when every mapping is validated', () => {
    expect(unvalidatedWarning({ validated: [], unvalidated: [], missing: [] })).toBeNull();
  });

  it('names the message and the path where the XSD would turn validation on', () => {
    const optional = mapping('optional', true);
    const warning = unvalidatedWarning(checkSchemaAvailability(schemaDir, [optional], () => false));
    expect(warning).toContain('NOT validated');
    expect(warning).toContain('optional 1.0 optional.nachricht.0100');
    expect(warning).toContain(path.join(schemaDir, 'optional', 'optional.xsd'));
  });
});

describe('checkWellFormed', () => {
  it('accepts a well-formed document', () => {
    expect(checkWellFormed('<?xml version="1.0"?><a xmlns="urn:x"><b>ä &amp; 😀</b></a>')).toEqual({ valid: true, errors: [] });
  });

  it.each([
    ['an unclosed element', '<a><b></a>'],
    ['text outside the root', '<a/>x'],
    ['an undeclared prefix', '<x:a/>'],
    ['a forbidden character reference', '<a>&#0;</a>'],
    ['two root elements', '<a/><b/>'],
    ['nothing', ''],
  ])('refuses %s with a reason', (_case, xml) => {
    const result = checkWellFormed(xml);
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors[0]?.message).not.toBe('');
  });
});
