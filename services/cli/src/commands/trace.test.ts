import { describe, expect, it } from 'vitest';
import {
  AmtsboteError,
  createMemoryAvroCodec,
  createStatusRecord,
  createSubmissionRecord,
  REPLAY_HEADER,
  toDeadLetter,
  type ConsumedRecord,
  type OutgoingRecord,
} from '@amtsbote/core';
import { contractsFor, sampleGewerbeanmeldung, type BackofficeReply, type XoevMessage } from '@amtsbote/schemas';
import { REDRIVE_OF_HEADER, redriveMarkerOf, withRedriveMarkers } from './dlq.js';
import { describeRecord, formatTrace, sortTimeline, type TraceEntry } from './trace.js';

const prefix = 'test.';
const contracts = contractsFor(prefix);
const codec = createMemoryAvroCodec();
const at = (ms: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, 0, ms));
const applicationId = 'DA-GEW-00000001';
const messageId = '6f1c2a4e-7d5b-5c1e-9a51-1f0c3c6f1a01';

function consumed(record: OutgoingRecord, time: Date, offset = 0): ConsumedRecord {
  const key = typeof record.key === 'string' ? Buffer.from(record.key) : record.key;
  return { topic: record.topic, partition: 2, offset: String(offset), key, value: record.value, headers: record.headers, timestamp: time };
}

const message: XoevMessage = {
  messageId,
  applicationId,
  submissionEventId: 'event-1',
  serviceKey: '99050012104000',
  destinationId: 'modautal-dms',
  standard: 'xdomea',
  standardVersion: '3.1.0',
  messageType: 'Geschaeftsgang.Geschaeftsgang.0201',
  contentType: 'application/xml',
  payload: Buffer.from('<secret>Erika Mustermann</secret>'),
  createdAt: at(1),
};

const describe_ = async (record: ConsumedRecord) => describeRecord(record, codec, prefix);

describe('describeRecord', () => {
  it('names a submission by its service and municipality, noting a redrive', async () => {
    const submission = await createSubmissionRecord(codec, contracts.submitted, sampleGewerbeanmeldung(1, { applicationId }));
    const { entry } = await describe_(consumed({ ...submission, headers: { ...submission.headers, [REDRIVE_OF_HEADER]: 'test.applications.submitted.v1.dlq/0/4' } }, at(0)));
    expect(entry).toEqual({
      time: at(0),
      topic: 'test.applications.submitted.v1',
      partition: 2,
      offset: '0',
      kind: 'submission',
      what: 'submitted (Gewerbe anmelden, 99050012104000) for municipality 06411000 (redriven from test.applications.submitted.v1.dlq/0/4)',
    });
  });

  it('names the XÖV message and its id, never its content', async () => {
    const outbound = { topic: contracts.outbound.topic, key: applicationId, value: await codec.encode(contracts.outbound, message), headers: { [REPLAY_HEADER]: 'true' } };
    const { entry, messageId: found } = await describe_(consumed(outbound, at(1)));
    expect(entry.what).toBe(`translated → xdomea 3.1.0 Geschaeftsgang.Geschaeftsgang.0201 for modautal-dms, message ${messageId} (replay)`);
    expect(found).toBe(messageId);
    expect(JSON.stringify(entry)).not.toContain('Mustermann');
  });

  it('names the lane by its destination', async () => {
    const lane = { topic: `${prefix}delivery.lane.modautal-dms.v1`, key: applicationId, value: null, headers: {} };
    expect((await describe_(consumed(lane, at(2)))).entry).toMatchObject({ kind: 'lane', what: 'queued on lane modautal-dms' });
  });

  it('gives a status event its status, source and detail, and its message id', async () => {
    const status = await createStatusRecord(codec, contracts.status, {
      applicationId,
      status: 'delivered',
      cause: { ce_id: 'outbound-1', [REPLAY_HEADER]: 'true' },
      source: 'amtsbote/delivery',
      messageId,
      destinationId: 'modautal-dms',
      detail: 'the back office already had this message',
      occurredAt: at(3),
    });
    // Written later than it happened: the step's time counts.
    const { entry, messageId: found } = await describe_(consumed(status, at(900)));
    expect(entry.time).toEqual(at(3));
    expect(entry).toMatchObject({
      kind: 'status',
      status: 'delivered',
      what: 'status delivered by amtsbote/delivery — modautal-dms — the back office already had this message (replay)',
    });
    expect(found).toBe(messageId);
  });

  it('names a reply by its type and the message it answers', async () => {
    const reply: BackofficeReply = {
      replyId: '0d9f4b52-1f4e-4a57-8f0e-3c8b8f0c9a11',
      inReplyTo: messageId,
      senderDestinationIds: ['modautal-dms'],
      channel: 'http',
      standard: 'XBau',
      standardVersion: '2.6',
      messageType: 'prozessnachrichten.eingangsbestaetigung.1120',
      fileName: null,
      receivedAt: at(4),
      payload: Buffer.from('<reply/>'),
    };
    const record = { topic: contracts.replies.topic, key: messageId, value: await codec.encode(contracts.replies, reply), headers: {} };
    expect((await describe_(consumed(record, at(4)))).entry.what).toBe(`reply prozessnachrichten.eingangsbestaetigung.1120 (XBau 2.6) to message ${messageId} by http`);
  });

  it('names dead letters by code and id, redrive markers by what they redrove, undecodable records by their error', async () => {
    const source = consumed({ topic: contracts.submitted.topic, key: applicationId, value: Buffer.from('not avro'), headers: {} }, at(0), 7);
    const deadLetter = consumed(toDeadLetter(source, new AmtsboteError('AMTSBOTE_NO_ROUTE', 'no route'), { service: { name: 'translator', version: '1' }, attempts: 1 }), at(5), 4);
    expect((await describe_(deadLetter)).entry).toMatchObject({ kind: 'dead_letter', what: 'dead letter AMTSBOTE_NO_ROUTE (permanent) from applications.submitted.v1: submitted/2/4' });
    const [stored] = withRedriveMarkers([deadLetter], prefix);
    expect((await describe_(consumed(redriveMarkerOf(stored!, at(6)), at(6), 5))).entry).toMatchObject({
      kind: 'redrive',
      what: 'dead letter submitted/2/4 redriven to applications.submitted.v1',
    });
    expect((await describe_(source)).entry).toMatchObject({ kind: 'submission', what: 'submission (undecodable: AMTSBOTE_NOT_WIRE_FORMAT)' });
  });
});

describe('the timeline', () => {
  const entry = (ms: number, kind: TraceEntry['kind'], what: string, status?: TraceEntry['status']): TraceEntry => ({
    time: at(ms),
    topic: `${prefix}${kind}`,
    partition: 0,
    offset: String(ms),
    kind,
    ...(status ? { status } : {}),
    what,
  });

  it('is sorted by time, and records of the same millisecond in the order of the flow', () => {
    const entries = [
      entry(9, 'status', 'status delivered', 'delivered'),
      entry(5, 'message', 'translated →'),
      entry(5, 'status', 'status translated', 'translated'),
      entry(5, 'status', 'status received', 'received'),
      entry(0, 'submission', 'submitted'),
      entry(7, 'lane', 'queued'),
    ];
    expect(sortTimeline(entries).map((e) => e.what)).toEqual(['submitted', 'status received', 'status translated', 'translated →', 'queued', 'status delivered']);
  });

  it('is printed as a table without the topic prefix', () => {
    const trace = { applicationId, messageIds: [messageId], entries: [entry(0, 'submission', 'submitted (Gewerbe anmelden, 99050012104000)'), entry(7, 'lane', 'queued on lane modautal-dms')] };
    expect(formatTrace(trace, prefix)).toEqual([
      `application ${applicationId}: 2 record(s) in 2 topic(s)`,
      'TIME                     TOPIC           WHAT',
      '2026-11-25 10:00:00.000  submission/0/0  submitted (Gewerbe anmelden, 99050012104000)',
      '2026-11-25 10:00:00.007  lane/0/7        queued on lane modautal-dms',
    ]);
  });
});
