import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  AmtsboteError,
  createMemoryAvroCodec,
  createRouter,
  createSubmissionRecord,
  loadMasterData,
  type ConsumedRecord,
  type MasterData,
  type OutgoingRecord,
  type Router,
} from '@amtsbote/core';
import { contracts, sampleGewerbeanmeldung, type ApplicationStatus, type XoevMessage } from '@amtsbote/schemas';
import { createMappingRegistry, type Mapping } from './mappings/registry.js';
import { xdomeaGeschaeftsgang0201Mapping } from './mappings/xdomea/index.js';
import { createTranslator, type Validate } from './translator.js';

const masterDataDir = fileURLToPath(new URL('../../../infra/masterdata/', import.meta.url));
const codec = createMemoryAvroCodec();
let router: Router;
beforeAll(async () => {
  router = createRouter(await loadMasterData(masterDataDir));
});

const fixedMapping = (xml: string): Mapping => ({
  standard: 'xdomea',
  version: '3.1.0',
  messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
  serviceKeys: '*',
  codeLists: [],
  schemaFile: 'xdomea.xsd',
  map: () => xml,
});

function translatorWith(mapping: Mapping, validate: Validate, routerInForce: () => Router = () => router) {
  return createTranslator({
    codec,
    contracts,
    router: routerInForce,
    mappings: createMappingRegistry([mapping]),
    validate,
    service: { name: 'translator', version: 'test' },
    product: { name: 'Amtsbote', vendor: 'Amtsbote', version: 'test' },
    testMessages: true,
    now: () => new Date('2026-11-25T10:00:00Z'),
  });
}

async function consumed(n = 1): Promise<ConsumedRecord> {
  const out = await createSubmissionRecord(codec, contracts.submitted, sampleGewerbeanmeldung(n));
  return { topic: out.topic, partition: 0, offset: '0', key: Buffer.from(out.key as string), value: out.value, headers: out.headers, timestamp: new Date() };
}

describe('createTranslator', () => {
  it('emits received, the message and translated, in that order, keyed by the application id', async () => {
    const record = await consumed();
    const outputs = await translatorWith(fixedMapping('<ok/>'), () => ({ valid: true, errors: [] })).process(record);
    expect(outputs.map((o) => o.topic)).toEqual([contracts.status.topic, contracts.outbound.topic, contracts.status.topic]);
    expect(new Set(outputs.map((o) => o.key))).toEqual(new Set([record.key!.toString()]));
    const message = await codec.decode<XoevMessage>(outputs[1]!.value);
    expect(message.payload.toString()).toBe('<ok/>');
    const statuses = await Promise.all([outputs[0]!, outputs[2]!].map((o) => codec.decode<ApplicationStatus>(o.value)));
    expect(statuses.map((s) => s.status)).toEqual(['received', 'translated']);
    expect(statuses[1]).toMatchObject({ messageId: message.messageId, destinationId: 'darmstadt-gewerbe-dms' });
  });

  it('produces the same ids when the same submission is translated again', async () => {
    const translator = translatorWith(fixedMapping('<ok/>'), () => ({ valid: true, errors: [] }));
    const [a, b] = [await translator.process(await consumed()), await translator.process(await consumed())];
    const ids = async (outputs: typeof a) => [
      (await codec.decode<XoevMessage>(outputs[1]!.value)).messageId,
      (await codec.decode<ApplicationStatus>(outputs[2]!.value)).eventId,
    ];
    expect(await ids(b)).toEqual(await ids(a));
  });

  it('refuses a message that fails schema validation, with one problem per validation error', async () => {
    const translator = translatorWith(fixedMapping('<bad/>'), () => ({ valid: false, errors: [{ line: 3, message: "Element 'bad': not expected." }] }));
    const err = await translator.process(await consumed()).then(() => undefined, (e: unknown) => e as AmtsboteError);
    expect(err).toMatchObject({ code: 'AMTSBOTE_SCHEMA_INVALID', retriable: false });
    expect(err!.toProblems().slice(1)).toEqual([
      { type: 'urn:amtsbote:problem:schema-invalid', title: 'XSD validation error', detail: "Element 'bad': not expected.", instance: 'line 3' },
    ]);
  });

  it('turns a throwing mapping into a permanent mapping error', async () => {
    const throwing = { ...fixedMapping(''), map: () => { throw new Error('no Betreff'); } };
    await expect(translatorWith(throwing, () => ({ valid: true, errors: [] })).process(await consumed())).rejects.toMatchObject({
      code: 'AMTSBOTE_MAPPING_FAILED',
      retriable: false,
    });
  });

  it('refuses a record whose key differs from the application id', async () => {
    const record = { ...(await consumed()), key: Buffer.from('someone-else') };
    await expect(translatorWith(fixedMapping('<ok/>'), () => ({ valid: true, errors: [] })).process(record)).rejects.toMatchObject({
      code: 'AMTSBOTE_CONTRACT_VIOLATION',
    });
  });

  it('reports rejected with the problems when a record is dead-lettered', async () => {
    const record = await consumed();
    const [status] = await translatorWith(fixedMapping('<ok/>'), () => ({ valid: true, errors: [] })).onDeadLetter(
      record,
      new AmtsboteError('AMTSBOTE_NO_ROUTE', 'no responsible authority for this service in this municipality'),
    );
    expect(await codec.decode<ApplicationStatus>(status!.value)).toMatchObject({
      status: 'rejected',
      applicationId: record.key!.toString(),
      problems: [{ type: 'urn:amtsbote:problem:no-route', title: 'no responsible authority for this service in this municipality', detail: null, instance: null }],
    });
  });
});

describe('createTranslator and forbidden characters', () => {
  it('says in the translated status which fields had characters replaced, without their values', async () => {
    const replacing: Mapping = {
      ...fixedMapping('<ok/>'),
      map: (_submission, _context, log) => {
        log?.record({ field: 'applicant.familyName', count: 2 });
        return '<ok/>';
      },
    };
    const outputs = await translatorWith(replacing, () => ({ valid: true, errors: [] })).process(await consumed());
    const translated = await codec.decode<ApplicationStatus>(outputs[2]!.value);
    expect(translated.detail).toBe('xdomea 3.1.0 Geschaeftsgang.Geschaeftsgang.0201; 2 character(s) replaced in applicant.familyName');
  });
});

describe('createTranslator and the code lists of the master data', () => {
  const COUNTRY_CODES = 'urn:xoev-de:kosit:codeliste:country-codes';
  const valid: Validate = () => ({ valid: true, errors: [] });
  const withCodeLists = (data: MasterData, codelists: MasterData['codelists']) => createRouter({ ...data, codelists });
  const payloadOf = async (outputs: OutgoingRecord[]) =>
    (await codec.decode<XoevMessage>(outputs[1]!.value)).payload.toString('utf8');

  it('writes the version in force when the message is translated: an import changes the next message, without a restart', async () => {
    const data = await loadMasterData(masterDataDir);
    let inForce = createRouter(data);
    const translator = translatorWith(xdomeaGeschaeftsgang0201Mapping, valid, () => inForce);
    expect(await payloadOf(await translator.process(await consumed()))).toContain(`listURI="${COUNTRY_CODES}" listVersionID="7"`);

    inForce = withCodeLists(data, data.codelists.map((c) => (c.uri === COUNTRY_CODES ? { ...c, version: '8' } : c)));
    const next = await payloadOf(await translator.process(await consumed()));
    expect(next).toContain(`listURI="${COUNTRY_CODES}" listVersionID="8"`);
    expect(next).not.toContain('listVersionID="7"');
  });

  it('rejects a message whose mapping needs a code list the master data lacks, naming the list and codelists.yaml', async () => {
    const data = await loadMasterData(masterDataDir);
    const without = withCodeLists(data, data.codelists.filter((c) => c.uri !== COUNTRY_CODES));
    await expect(translatorWith(xdomeaGeschaeftsgang0201Mapping, valid, () => without).process(await consumed())).rejects.toMatchObject({
      code: 'AMTSBOTE_MASTERDATA_INVALID',
      retriable: false,
      message: expect.stringMatching(new RegExp(`code list ${COUNTRY_CODES} is not in the master data: add it to codelists\\.yaml`)),
    });
  });
});
