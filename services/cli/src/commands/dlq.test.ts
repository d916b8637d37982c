import { describe, expect, it } from 'vitest';
import { AmtsboteError, createMemoryAvroCodec, deadLetterHeaders, REPLAY_HEADER, toDeadLetter, type ConsumedRecord, type OutgoingRecord } from '@amtsbote/core';
import { contractsFor, type XoevMessage } from '@amtsbote/schemas';
import {
  countDeadLetters,
  decodeValue,
  formatAge,
  formatDeadLetterCounts,
  formatDeadLetterDetails,
  formatDeadLetterTable,
  formatRedrive,
  matchesFilter,
  parseDeadLetterId,
  parseDeadLetterRole,
  parseDuration,
  parseErrorCode,
  planRedrive,
  REDRIVE_OF_HEADER,
  redriveMarkerOf,
  redrivenRecordOf,
  withRedriveMarkers,
  type StoredDeadLetter,
} from './dlq.js';

const prefix = 'test.';
const contracts = contractsFor(prefix);
const now = new Date('2026-11-25T12:00:00.000Z');
const service = { name: 'translator', version: '1.2.3' };

/** A record as the broker hands it back after it was produced. */
function consumed(record: OutgoingRecord, partition: number, offset: number, timestamp = now): ConsumedRecord {
  const key = typeof record.key === 'string' ? Buffer.from(record.key) : record.key;
  return { topic: record.topic, partition, offset: String(offset), key, value: record.value, headers: record.headers, timestamp };
}

/** A dead letter as a service writes it, for a record of `topic`. */
function deadLetterRecord(
  options: { topic: string; key: string | null; code: AmtsboteError['code']; retriable?: boolean; failedAt: Date; offset: number; value?: Buffer | null },
): ConsumedRecord {
  const source: ConsumedRecord = {
    topic: options.topic,
    partition: 1,
    offset: '17',
    key: options.key === null ? null : Buffer.from(options.key),
    value: options.value === undefined ? Buffer.from('original bytes') : options.value,
    headers: { ce_id: `event-${options.offset}`, ce_subject: options.key ?? '' },
    timestamp: options.failedAt,
  };
  const error = new AmtsboteError(options.code, `failed with ${options.code}`, { retriable: options.retriable ?? false });
  return consumed(toDeadLetter(source, error, { service, attempts: 1, now: options.failedAt }), 0, options.offset, options.failedAt);
}

const codec = createMemoryAvroCodec();
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const noRoute = deadLetterRecord({ topic: contracts.submitted.topic, key: 'app-1', code: 'AMTSBOTE_NO_ROUTE', failedAt: hoursAgo(3), offset: 4 });
const exhausted = deadLetterRecord({ topic: `${prefix}delivery.lane.modautal-dms.v1`, key: 'app-2', code: 'AMTSBOTE_DELIVERY_EXHAUSTED', retriable: false, failedAt: hoursAgo(50), offset: 0 });
const refusedFile = { ...deadLetterRecord({ topic: 'inbox:rossdorf-dms', key: 'rossdorf-dms', code: 'AMTSBOTE_REPLY_REFUSED', failedAt: hoursAgo(0.2), offset: 2 }), topic: `${prefix}backoffice.replies.v1.dlq` };
const laneDeadLetter = { ...exhausted, topic: `${prefix}xoev.outbound.v1.dlq` };

describe('parsing what an operator types', () => {
  it.each([
    ['90s', 90_000],
    ['30m', 1_800_000],
    ['1d12h', 129_600_000],
    ['250ms', 250],
  ])('reads the duration %s', (text, ms) => expect(parseDuration(text)).toBe(ms));

  it.each(['', '3', '3x', '1h 2m', 'h'])('refuses "%s" as a duration', (text) => expect(() => parseDuration(text)).toThrow(/not a duration/));

  it('reads error codes with or without AMTSBOTE_, in any case, and refuses unknown ones', () => {
    expect(parseErrorCode('no_route')).toBe('AMTSBOTE_NO_ROUTE');
    expect(parseErrorCode('AMTSBOTE_SCHEMA_INVALID')).toBe('AMTSBOTE_SCHEMA_INVALID');
    expect(() => parseErrorCode('NO_ROUTES')).toThrow(/unknown error code "NO_ROUTES"; known: AMTSBOTE_CONFIG_INVALID/);
  });

  it.each(['submitted', 'applications.submitted.v1', 'applications.submitted.v1.dlq', 'test.applications.submitted.v1.dlq'])(
    'knows the dead-letter topic of submissions as %s',
    (text) => expect(parseDeadLetterRole(text, prefix)).toBe('submitted'),
  );

  it('reads dead-letter ids in the short and the full form', () => {
    const place = { role: 'outbound', topic: 'test.xoev.outbound.v1.dlq', partition: 3, offset: '41' };
    expect(parseDeadLetterId('outbound/3/41', prefix)).toEqual(place);
    expect(parseDeadLetterId('test.xoev.outbound.v1.dlq/3/041', prefix)).toEqual(place);
    expect(() => parseDeadLetterId('outbound/3', prefix)).toThrow(/ids look like submitted\/2\/41/);
    expect(() => parseDeadLetterId('applications.status.v1.dlq/0/1', prefix)).toThrow(/not a topic with dead letters; known: submitted \(applications.submitted.v1.dlq\)/);
  });
});

describe('listing dead letters', () => {
  const [lane] = withRedriveMarkers([laneDeadLetter], prefix) as [StoredDeadLetter];
  const stored = withRedriveMarkers([laneDeadLetter, refusedFile, noRoute, consumed(redriveMarkerOf(lane, hoursAgo(1)), 0, 1)], prefix);
  const deadLetters = stored.map((s) => s.deadLetter);

  it('reads each dead letter from its headers, notes redrive markers and skips them', () => {
    expect(deadLetters.map((d) => d.id)).toEqual(['submitted/0/4', 'replies/0/2', 'outbound/0/0']);
    expect(deadLetters[0]).toMatchObject({
      role: 'submitted',
      key: 'app-1',
      sourceTopic: 'test.applications.submitted.v1',
      sourcePartition: '1',
      sourceOffset: '17',
      errorClass: 'permanent',
      errorCode: 'AMTSBOTE_NO_ROUTE',
      attempts: 1,
      service: 'translator',
      serviceVersion: '1.2.3',
      failedAt: hoursAgo(3),
      redriven: null,
    });
    expect(deadLetters[2]!.redriven).toEqual({ at: hoursAgo(1), to: 'test.delivery.lane.modautal-dms.v1' });
  });

  it('filters by topic, code, class and age', () => {
    const ids = (filter: Parameters<typeof matchesFilter>[1]) => deadLetters.filter((d) => matchesFilter(d, filter, now)).map((d) => d.id);
    expect(ids({})).toHaveLength(3);
    expect(ids({ roles: ['outbound'] })).toEqual(['outbound/0/0']);
    expect(ids({ code: 'AMTSBOTE_NO_ROUTE' })).toEqual(['submitted/0/4']);
    expect(ids({ errorClass: 'retriable' })).toEqual([]);
    expect(ids({ olderThanMs: 2 * 3_600_000 })).toEqual(['submitted/0/4', 'outbound/0/0']);
    expect(ids({ olderThanMs: 2 * 86_400_000 })).toEqual(['outbound/0/0']);
  });

  it('prints a table without the prefix, and counts by topic and code', () => {
    expect(formatDeadLetterTable(deadLetters, { prefix, now })).toEqual([
      'ID             AGE   SOURCE                         CODE                         CLASS      KEY           SERVICE     REDRIVEN',
      'submitted/0/4  3h    applications.submitted.v1      AMTSBOTE_NO_ROUTE            permanent  app-1         translator  -',
      'replies/0/2    12m   inbox:rossdorf-dms             AMTSBOTE_REPLY_REFUSED       permanent  rossdorf-dms  translator  -',
      'outbound/0/0   2d2h  delivery.lane.modautal-dms.v1  AMTSBOTE_DELIVERY_EXHAUSTED  permanent  app-2         translator  1h ago',
    ]);
    expect(formatDeadLetterCounts(countDeadLetters(deadLetters), prefix)).toEqual([
      '3 dead letter(s), 1 of them redriven already:',
      '  TOPIC                          CODE                         COUNT  REDRIVEN',
      '  applications.submitted.v1.dlq  AMTSBOTE_NO_ROUTE            1      0',
      '  backoffice.replies.v1.dlq      AMTSBOTE_REPLY_REFUSED       1      0',
      '  xoev.outbound.v1.dlq           AMTSBOTE_DELIVERY_EXHAUSTED  1      1',
    ]);
    expect(formatDeadLetterCounts([], prefix)).toEqual(['no dead letters']);
  });

  it.each([
    [0, '0s'],
    [59_999, '59s'],
    [60_000, '1m'],
    [3_720_000, '1h2m'],
    [90_000_000, '1d1h'],
    [172_800_000, '2d'],
  ])('gives an age of %i ms as %s', (ms, text) => expect(formatAge(ms)).toBe(text));
});

describe('showing a dead letter', () => {
  const xml = '<?xml version="1.0" encoding="UTF-8"?>\n<xdomea:Geschaeftsgang.Geschaeftsgang.0201 xmlns:xdomea="urn:xoev-de:xdomea:schema:3.1.0"/>';
  const message: XoevMessage = {
    messageId: '6f1c2a4e-7d5b-5c1e-9a51-1f0c3c6f1a01',
    applicationId: 'app-2',
    submissionEventId: 'event-1',
    serviceKey: '99050012104000',
    destinationId: 'modautal-dms',
    standard: 'xdomea',
    standardVersion: '3.1.0',
    messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
    contentType: 'application/xml',
    payload: Buffer.from(xml),
    createdAt: hoursAgo(50),
  };

  it('decodes Avro through the registry, with an XML payload as text', async () => {
    const value = await decodeValue(codec, await codec.encode(contracts.outbound, message));
    expect(value).toEqual({ format: 'avro', schemaId: 1, value: { ...message, payload: xml, createdAt: hoursAgo(50).toISOString() } });
  });

  it('shows text as text and other bytes as bytes, saying why they are not decoded', async () => {
    expect(await decodeValue(codec, null)).toEqual({ format: 'none' });
    expect(await decodeValue(codec, Buffer.from(xml))).toEqual({ format: 'text', bytes: Buffer.byteLength(xml), text: xml });
    const unknownSchema = Buffer.from([0, 0, 0, 0, 9, 1, 2]);
    expect(await decodeValue(codec, unknownSchema)).toEqual({
      format: 'bytes',
      bytes: 7,
      base64: unknownSchema.toString('base64'),
      reason: 'AMTSBOTE_UNKNOWN_SCHEMA: schema id 9 is unknown to the registry',
    });
    expect(await decodeValue(codec, Buffer.from([0xff, 0xfe, 0x00]))).toMatchObject({ format: 'bytes', reason: null });
  });

  it('lists where it came from, its error, the dlq_* headers first, and the payload below the value', async () => {
    const record = { ...laneDeadLetter, value: await codec.encode(contracts.outbound, message) };
    const [{ deadLetter }] = withRedriveMarkers([record], prefix) as [StoredDeadLetter];
    const lines = formatDeadLetterDetails({ deadLetter, headers: record.headers, value: await decodeValue(codec, record.value) }, { prefix, now });
    expect(lines.slice(0, 8)).toEqual([
      'dead letter outbound/0/0 (xoev.outbound.v1.dlq, partition 0, offset 0)',
      '  failed    2026-11-23 10:00:00.000 (2d2h ago) in translator 1.2.3 after 1 attempt(s)',
      '  source    delivery.lane.modautal-dms.v1, partition 1, offset 17',
      '  error     AMTSBOTE_DELIVERY_EXHAUSTED (permanent): failed with AMTSBOTE_DELIVERY_EXHAUSTED',
      '  key       app-2',
      '  redriven  no',
      'headers:',
      '  dlq_attempts: 1',
    ]);
    expect(lines).toContain('  ce_id: event-0');
    expect(lines).toContain('value: Avro, schema id 1:');
    expect(lines).toContain(`  "payload": "(${xml.length} characters, shown below)",`);
    expect(lines.slice(-2)).toEqual(['payload:', xml]);
  });
});

describe('redriving dead letters', () => {
  const stored = withRedriveMarkers(
    [
      noRoute,
      { ...noRoute, offset: '5', key: Buffer.from('app-3') },
      laneDeadLetter,
      refusedFile,
    ],
    prefix,
  );
  const topics = new Set([contracts.submitted.topic]);

  it('redrives what the filter selects, refuses inbox files and topics that are gone', () => {
    const plan = planRedrive(stored, { filter: { errorClass: 'permanent' }, again: false }, { now, topics });
    expect(plan.redrive.map((e) => e.deadLetter.id)).toEqual(['submitted/0/4', 'submitted/0/5']);
    expect(plan.refused.map(({ deadLetter, reason }) => `${deadLetter.id}: ${reason}`)).toEqual([
      'replies/0/2: a file refused by the inbox of rossdorf-dms, never a record: there is no topic to redrive it to; put the file into that inbox again',
      'outbound/0/0: its source topic test.delivery.lane.modautal-dms.v1 does not exist (any more)',
    ]);
    expect(formatRedrive(plan, { dryRun: true, prefix })).toEqual([
      'would redrive submitted/0/4 (AMTSBOTE_NO_ROUTE, key app-1) → applications.submitted.v1',
      'would redrive submitted/0/5 (AMTSBOTE_NO_ROUTE, key app-3) → applications.submitted.v1',
      'refused replies/0/2 (AMTSBOTE_REPLY_REFUSED, key rossdorf-dms): a file refused by the inbox of rossdorf-dms, never a record: there is no topic to redrive it to; put the file into that inbox again',
      'refused outbound/0/0 (AMTSBOTE_DELIVERY_EXHAUSTED, key app-2): its source topic test.delivery.lane.modautal-dms.v1 does not exist (any more)',
      'redrive: 2 to redrive (dry run, nothing sent), 0 skipped, 2 refused',
    ]);
  });

  it('skips dead letters redriven before unless asked again, and redrives nothing when an id is unknown', () => {
    const redriven = withRedriveMarkers([...stored.map((s) => s.record), consumed(redriveMarkerOf(stored[0]!, hoursAgo(1)), 0, 6)], prefix);
    const places = [parseDeadLetterId('submitted/0/4', prefix)];
    expect(planRedrive(redriven, { places, again: false }, { now, topics })).toMatchObject({ redrive: [], skipped: [{ reason: expect.stringMatching(/^redriven already at 2026-11-25T11:00:00.000Z/) }] });
    expect(planRedrive(redriven, { places, again: true }, { now, topics }).redrive).toHaveLength(1);
    const unknown = planRedrive(redriven, { places: [...places, parseDeadLetterId('submitted/0/99', prefix)], again: true }, { now, topics });
    expect(unknown.unknown).toEqual(['submitted/0/99']);
    expect(formatRedrive(unknown, { dryRun: false, prefix })).toEqual(['redrive: no such dead letter: submitted/0/99; nothing redriven']);
  });

  it('sends the original key, value and headers back, without dlq_* headers, marked as a replay of the dead letter', () => {
    const entry = stored[0]!;
    const redriven = redrivenRecordOf(entry);
    expect(redriven).toEqual({
      topic: 'test.applications.submitted.v1',
      key: Buffer.from('app-1'),
      value: Buffer.from('original bytes'),
      headers: { ce_id: 'event-4', ce_subject: 'app-1', [REPLAY_HEADER]: 'true', [REDRIVE_OF_HEADER]: 'test.applications.submitted.v1.dlq/0/4' },
    });
    expect(Object.keys(entry.record.headers)).toContain(deadLetterHeaders.errorCode);
    expect(redriveMarkerOf(entry, now)).toEqual({
      topic: 'test.applications.submitted.v1.dlq',
      key: Buffer.from('app-1'),
      value: null,
      headers: { amtsbote_redriven: 'test.applications.submitted.v1.dlq/0/4', amtsbote_redriven_to: 'test.applications.submitted.v1', amtsbote_redriven_at: now.toISOString() },
    });
  });
});
