import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLogger,
  createSubmissionRecord,
  deadLetterHeaders,
  importMasterData,
  traceIdOf,
  type Logger,
  type OutgoingRecord,
  type PipelineService,
} from '@amtsbote/core';
import { deliveryConfigSchema, startDeliveryService } from '@amtsbote/delivery';
import { buildReply, createReplier, readOriginalMessage, type OriginalMessage, type Replier } from '@amtsbote/reference-backoffice';
import {
  deadLetterTopicOf,
  sampleBauantrag,
  sampleGewerbeanmeldung,
  type ApplicationStatus,
  type ApplicationSubmitted,
  type SubmissionTypes,
} from '@amtsbote/schemas';
import {
  collectRecords,
  createIntegrationEnvironment,
  masterDataPointingAt,
  patchDestination,
  startTestBackoffice,
  type IntegrationEnvironment,
  type RecordCollector,
  type TestBackoffice,
} from '@amtsbote/testing';
import { startTranslatorService, translatorConfigSchema } from '@amtsbote/translator';
import { receiptsConfigSchema } from './config.js';
import { startReceiptsService, type ReceiptsService } from './service.js';

// Personal data that appears nowhere else: none of it may turn up in logs, metrics, dead-letter
// headers or what status events tell the front office, whatever goes wrong on the way.
const FAMILY_NAME = 'Kanarienvogel-Zwölf';
const BIRTH_DATE = new Date(Date.UTC(1911, 10, 11));
const IBAN = 'DE02120300000000202051';

/** Every form a canary can take in a log line or header: as text, in other case or spacing, and as bytes (hex, base64, a JSON byte array). */
function formsOf(text: string, options: { encodings: boolean }): string[] {
  const forms = [text, text.toLowerCase()];
  if (!options.encodings) return forms;
  const bytes = Buffer.from(text, 'utf8');
  forms.push(bytes.toString('hex'), bytes.toString('hex').toUpperCase(), [...bytes].join(','));
  // Base64 depends on where the text starts within a 3-byte group: one of these three slices is aligned.
  for (let start = 0; start < 3; start++) {
    const slice = bytes.subarray(start, start + Math.floor((bytes.length - start) / 3) * 3);
    forms.push(slice.toString('base64'));
  }
  return forms;
}

const canaryForms = [
  ...formsOf(FAMILY_NAME, { encodings: true }),
  // The part without the umlaut survives escaping (\u00f6, %C3%B6) and normalization.
  'kanarienvogel',
  ...formsOf(IBAN, { encodings: true }),
  'DE02 1203 0000 0000 2020 51',
  '1911-11-11',
  '11.11.1911',
  String(BIRTH_DATE.getTime()),
];

/** The canary forms found in a text, case-insensitively. */
function leaksIn(text: string): string[] {
  const haystack = text.toLowerCase();
  return [...new Set(canaryForms.filter((form) => haystack.includes(form.toLowerCase())))];
}

const TOKEN = `token-${randomUUID()}`;
const OTHER_TOKEN = `token-${randomUUID()}`;
process.env['CANARY_BACKOFFICE_TOKEN'] = TOKEN;
process.env['CANARY_OTHER_TOKEN'] = OTHER_TOKEN;
const product = { name: 'test', vendor: 'test', version: '1' };

/** A W3C traceparent as a front office with OpenTelemetry would send it. */
const newTraceparent = () => `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
const spanIdOf = (traceparent: string | undefined) => traceparent?.split('-')[2];

/** The Confluent wire format's first five bytes: magic byte 0 and the schema id. */
function wireFormatHeader(schemaId: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeInt32BE(schemaId, 1);
  return header;
}

/** A back office that refuses or cannot take anything, and quotes what it was sent in its answer. */
async function startEchoingBackoffice(status: number): Promise<{ url: string; requests: () => number; close(): Promise<void> }> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(`Nicht angenommen: ${Buffer.concat(chunks).toString('utf8')}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/xoev/messages`,
    requests: () => requests,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function canaryApplicant(applicant: ApplicationSubmitted['applicant']): ApplicationSubmitted['applicant'] {
  return { ...applicant, kind: 'PERSON', familyName: FAMILY_NAME, givenName: 'Erika', birthDate: BIRTH_DATE, organisationName: null };
}

/** A Gewerbeanmeldung full of canaries: the applicant's name and birth date, the IBAN in the business description. */
function canaryGewerbe(applicationId: string, tenant: ApplicationSubmitted['tenant'], activity = `Buchhaltung; Zahlungen an ${IBAN}`): ApplicationSubmitted {
  const sample = sampleGewerbeanmeldung(11, { applicationId, eventId: randomUUID(), tenant });
  const gewerbe = sample.data['de.amtsbote.application.v1.Gewerbeanzeige']!;
  return {
    ...sample,
    applicant: canaryApplicant(sample.applicant),
    data: { 'de.amtsbote.application.v1.Gewerbeanzeige': { ...gewerbe, businessName: `${FAMILY_NAME} Feinkost`, activity } },
    attachments: sample.attachments.map((a) => ({ ...a, name: `Vollmacht ${FAMILY_NAME} ${IBAN}.pdf` })),
  };
}

/** A Bauantrag for Darmstadt's Bauaufsicht (XBau) full of canaries; `change` breaks it on purpose. */
function canaryBauantrag(applicationId: string, change: (antrag: SubmissionTypes.Bauantrag, submission: ApplicationSubmitted) => void = () => {}): ApplicationSubmitted {
  const sample = sampleBauantrag(0, { applicationId, eventId: randomUUID(), tenant: { ags: '06411000', ars: null, name: 'Wissenschaftsstadt Darmstadt' } });
  const antrag = structuredClone(sample.data['de.amtsbote.application.v1.Bauantrag']!);
  antrag.projectDescription = `Neubau; Gebühren bitte von ${IBAN} abbuchen`;
  antrag.builderOwner = canaryApplicant(antrag.builderOwner!);
  const submission: ApplicationSubmitted = {
    ...sample,
    applicant: canaryApplicant(sample.applicant),
    data: { 'de.amtsbote.application.v1.Bauantrag': antrag },
    attachments: sample.attachments.map((a) => ({ ...a, name: `${FAMILY_NAME} ${a.name}` })),
  };
  change(antrag, submission);
  return submission;
}

describe('canaries: personal data never reaches logs, metrics, dead-letter headers or status details; the trace context travels', () => {
  let env: IntegrationEnvironment;
  let backoffice: TestBackoffice;
  let refusing: Awaited<ReturnType<typeof startEchoingBackoffice>>;
  let unavailable: Awaited<ReturnType<typeof startEchoingBackoffice>>;
  let replier: Replier;
  let receipts: ReceiptsService;
  let services: PipelineService[] = [];
  let collector: RecordCollector;
  let folderInbox: string;
  let repliesUrl: string;
  const logLines = new Map<string, string[]>();
  const traces = new Map<string, string>();
  const id = (name: string) => `${env.topicPrefix}${name}`;

  /** A service's logger at its most talkative, writing into memory so every line can be searched. */
  const loggerOf = (service: string): Logger => {
    const lines: string[] = [];
    logLines.set(service, lines);
    return createLogger(service, { level: 'trace', destination: { write: (line: string) => void lines.push(line) } });
  };
  const topics = () => ({
    status: env.contracts.status.topic,
    outbound: env.contracts.outbound.topic,
    replies: env.contracts.replies.topic,
    lane: `${env.topicPrefix}delivery.lane.darmstadt-bauaufsicht-xbau.v1`,
    deadLetters: [env.contracts.submitted.topic, env.contracts.outbound.topic, env.contracts.replies.topic].map(deadLetterTopicOf),
  });
  const recordsOf = (topic: string) => collector.records.filter((r) => r.topic === topic);
  const statuses = async () => Promise.all(recordsOf(topics().status).map(async (r) => ({ record: r, event: await env.codec.decode<ApplicationStatus>(r.value) })));
  /** Waits until the application has a status event of each wanted status, as often as it is named. */
  const waitForStatus = async (applicationId: string, wanted: string[], timeoutMs = 60_000) => {
    const deadline = Date.now() + timeoutMs;
    const count = (states: string[], state: string) => states.filter((s) => s === state).length;
    for (;;) {
      const events = (await statuses()).filter((s) => s.event.applicationId === applicationId).map((s) => s.event);
      const seen = events.map((e) => e.status);
      if (wanted.every((w) => count(seen, w) >= count(wanted, w))) return events;
      if (Date.now() > deadline) throw new Error(`${applicationId}: saw ${events.map((e) => e.status).join(', ')}, wanted ${wanted.join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const deadLetterCodes = (topic: string) => recordsOf(topic).map((r) => r.headers[deadLetterHeaders.errorCode]);
  const waitForDeadLetters = (topic: string, codes: string[], timeoutMs = 60_000) =>
    collector.waitFor(() => codes.every((code) => deadLetterCodes(topic).includes(code)), timeoutMs).catch(() => {
      throw new Error(`${topic}: saw ${deadLetterCodes(topic).join(', ')}, wanted ${codes.join(', ')}`);
    });
  const post = (body: string | Buffer, options: { token?: string; contentType?: string; query?: string } = {}) =>
    fetch(`${repliesUrl}${options.query ?? ''}`, {
      method: 'POST',
      headers: { 'content-type': options.contentType ?? 'application/xml', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) },
      body,
    });
  const produce = async (records: OutgoingRecord[]) => {
    const producer = env.kafka.producer();
    await producer.connect();
    await producer.send(records);
    await producer.disconnect();
  };
  /** The submission's record with a trace context of its own, remembered by application id. */
  const submissionRecord = async (submission: ApplicationSubmitted) => {
    const traceparent = newTraceparent();
    traces.set(submission.applicationId, traceparent);
    return createSubmissionRecord(env.codec, env.contracts.submitted, submission, { traceparent });
  };
  const deliveredOriginal = async (applicationId: string): Promise<OriginalMessage> => {
    const delivered = (await waitForStatus(applicationId, ['delivered'])).find((e) => e.status === 'delivered')!;
    return readOriginalMessage(await readFile(join(backoffice.dataDir, `${delivered.messageId}.xml`)));
  };

  beforeAll(async () => {
    env = await createIntegrationEnvironment('canaries');
    let answer: (xml: Buffer) => void = () => {};
    backoffice = await startTestBackoffice({ onNewMessage: (xml) => answer(xml) });
    refusing = await startEchoingBackoffice(422);
    unavailable = await startEchoingBackoffice(503);
    folderInbox = await mkdtemp(join(tmpdir(), 'canary-antworten-'));
    const masterData = await masterDataPointingAt(backoffice.url);
    // Ober-Ramstadt's back office refuses everything, Fischbachtal's is down; both quote the message in their answer.
    await patchDestination(masterData, 'ober-ramstadt-dms', (d) => void (d.connector = { type: 'http', url: refusing.url, timeoutMs: 5_000 }));
    await patchDestination(masterData, 'fischbachtal-dms', (d) => {
      d.connector = { type: 'http', url: unavailable.url, timeoutMs: 5_000 };
      d.delivery = { initialDelayMs: 50, maxDelayMs: 200, maxElapsedMs: 2_000 };
    });
    for (const destination of ['darmstadt-bauaufsicht-xbau', 'darmstadt-gewerbe-dms']) {
      await patchDestination(masterData, destination, (d) => void (d.replies = { tokenEnv: 'CANARY_BACKOFFICE_TOKEN' }));
    }
    await patchDestination(masterData, 'rossdorf-dms', (d) => void (d.replies = { tokenEnv: 'CANARY_OTHER_TOKEN' }));
    await patchDestination(masterData, 'gross-bieberau-dms', (d) => void (d.replies = { inbox: { type: 'folder', path: folderInbox } }));
    await importMasterData(env.kafka, masterData, { prefix: env.topicPrefix });

    receipts = await startReceiptsService(
      receiptsConfigSchema.parse({ ...env.serviceEnv('receipts'), RECEIPTS_PORT: '0', RECEIPTS_INBOX_INTERVAL_MS: '200' }),
      { logger: loggerOf('receipts'), service: { name: 'receipts', version: 'test' } },
    );
    repliesUrl = `http://127.0.0.1:${receipts.port}/replies`;
    replier = createReplier({ url: repliesUrl, token: TOKEN, logger: createLogger('test-replier', { level: 'warn' }), retryDelayMs: 200 });
    answer = (xml) => replier.answer(xml);
    services = [
      await startTranslatorService(translatorConfigSchema.parse(env.serviceEnv('translator')), {
        logger: loggerOf('translator'),
        service: { name: 'translator', version: 'test' },
      }),
      await startDeliveryService(deliveryConfigSchema.parse(env.serviceEnv('delivery')), {
        logger: loggerOf('delivery'),
        service: { name: 'delivery', version: 'test' },
      }),
    ];
    const { status, outbound, replies, lane, deadLetters } = topics();
    collector = await collectRecords(env.kafka, [status, outbound, replies, lane, ...deadLetters]);
  }, 180_000);

  afterAll(async () => {
    await collector?.stop();
    await replier?.idle();
    for (const service of services) await service.stop();
    await receipts?.stop();
    await backoffice?.close();
    await refusing?.close();
    await unavailable?.close();
  });

  it('drives every error path with canary-carrying input', async () => {
    const submittedSchemaId = await env.codec.register(env.contracts.submitted);
    const darmstadt = { ags: '06411000', ars: null, name: 'Wissenschaftsstadt Darmstadt' };
    const canaryText = `${FAMILY_NAME}, geboren 1911-11-11, ${IBAN}`;
    const rawHeaders = (name: string) => {
      const traceparent = newTraceparent();
      traces.set(id(name), traceparent);
      return { ce_id: randomUUID(), traceparent };
    };

    await produce([
      // The way it should go: delivered, and for the Bauantrag acknowledged, checked and decided.
      await submissionRecord(canaryBauantrag(id('bau-ok'))),
      await submissionRecord(canaryGewerbe(id('gew-ok'), darmstadt)),
      // Translator: no route (Otzberg has none), an attachment address the XSD refuses (anyURI; libxml2 quotes it),
      // a mapping failure (a Kammer that is no code), an output larger than a record may be.
      await submissionRecord(canaryGewerbe(id('no-route'), { ags: '06432018', ars: null, name: 'Gemeinde Otzberg' })),
      await submissionRecord(
        canaryBauantrag(id('schema-invalid'), (_, s) => void (s.attachments = s.attachments.map((a) => ({ ...a, uri: `%${FAMILY_NAME}/1911-11-11/${IBAN}` })))),
      ),
      await submissionRecord(canaryBauantrag(id('mapping-failed'), (antrag) => void (antrag.designer!.chamber = { chamber: FAMILY_NAME, membershipNumber: IBAN }))),
      await submissionRecord(canaryGewerbe(id('too-large'), darmstadt, `${canaryText} ${'&'.repeat(220_000)}`)),
      // …and records that are no submission at all: not the wire format, and the wire format with a body that is no Avro.
      { topic: env.contracts.submitted.topic, key: id('not-wire-format'), value: Buffer.from(JSON.stringify({ familyName: FAMILY_NAME, birthDate: '1911-11-11', iban: IBAN })), headers: rawHeaders('not-wire-format') },
      {
        topic: env.contracts.submitted.topic,
        key: id('undecodable'),
        value: Buffer.concat([wireFormatHeader(submittedSchemaId), Buffer.from(canaryText)]),
        headers: rawHeaders('undecodable'),
      },
      // Delivery: a back office that refuses (422) and one that stays unavailable (503), both quoting the message.
      await submissionRecord(canaryGewerbe(id('refused'), { ags: '06432016', ars: null, name: 'Stadt Ober-Ramstadt' })),
      await submissionRecord(canaryGewerbe(id('exhausted'), { ags: '06432007', ars: null, name: 'Gemeinde Fischbachtal' })),
      // …and an outbound record that is no XÖV message.
      { topic: env.contracts.outbound.topic, key: id('outbound-raw'), value: Buffer.from(canaryText), headers: rawHeaders('outbound-raw') },
    ]);

    await waitForDeadLetters(deadLetterTopicOf(env.contracts.submitted.topic), [
      'AMTSBOTE_NO_ROUTE',
      'AMTSBOTE_SCHEMA_INVALID',
      'AMTSBOTE_MAPPING_FAILED',
      'AMTSBOTE_RECORD_TOO_LARGE',
      'AMTSBOTE_NOT_WIRE_FORMAT',
      'AMTSBOTE_UNDECODABLE',
    ]);
    await waitForDeadLetters(deadLetterTopicOf(env.contracts.outbound.topic), ['AMTSBOTE_DELIVERY_REJECTED', 'AMTSBOTE_DELIVERY_EXHAUSTED', 'AMTSBOTE_NOT_WIRE_FORMAT']);
    expect(refusing.requests()).toBeGreaterThanOrEqual(1);
    expect(unavailable.requests()).toBeGreaterThan(1);
    await waitForStatus(id('gew-ok'), ['acknowledged']);
    await waitForStatus(id('bau-ok'), ['delivered', 'acknowledged', 'in_progress', 'decided']);
    for (const [name, status] of [
      ['no-route', 'rejected'],
      ['schema-invalid', 'rejected'],
      ['mapping-failed', 'rejected'],
      ['too-large', 'rejected'],
      ['not-wire-format', 'rejected'],
      ['undecodable', 'rejected'],
      ['refused', 'delivery_failed'],
      ['exhausted', 'delivery_failed'],
      ['outbound-raw', 'delivery_failed'],
    ] as const) {
      await waitForStatus(id(name), [status], 10_000);
    }

    // Receipts: replies with canaries in free text, refused ones and one about a message Amtsbote never sent.
    const original = await deliveredOriginal(id('bau-ok'));
    const rejection = buildReply(original, { kind: 'rejected', reasons: [{ code: 'S090', text: canaryText }] }, { createdAt: new Date(), product });
    const xsdInvalid = rejection.xml.replace(/<erstellungszeitpunkt>[^<]*</, `<erstellungszeitpunkt>${FAMILY_NAME} ${IBAN}<`);
    const incomplete = buildReply(original, { kind: 'in_progress', complete: false, findings: [{ description: `Vollmacht von ${canaryText} fehlt` }], round: 2 }, { createdAt: new Date(), product });
    const stranger = buildReply({ ...original, messageId: randomUUID() }, { kind: 'rejected', reasons: [{ code: 'S090', text: canaryText }] }, { createdAt: new Date(), product });
    const hostile = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY name "${FAMILY_NAME}">]><x>&name; ${IBAN} 1911-11-11</x>`;
    const malformed = `<antwort><name>${FAMILY_NAME}</name><iban>${IBAN}</antwort>`;

    expect((await post(xsdInvalid, { token: TOKEN })).status).toBe(422);
    expect((await post(hostile, { token: TOKEN })).status).toBe(400);
    expect((await post(malformed, { token: TOKEN })).status).toBe(400);
    expect((await post(rejection.xml)).status).toBe(401);
    expect((await post(rejection.xml, { token: `${FAMILY_NAME}-${IBAN}` })).status).toBe(401);
    expect((await post(rejection.xml, { query: `?antragsteller=${encodeURIComponent(FAMILY_NAME)}&iban=${IBAN}` })).status).toBe(401);
    expect((await post(canaryText, { token: TOKEN, contentType: 'text/plain' })).status).toBe(415);
    // Roßdorf's credential does not speak for Darmstadt's Bauaufsicht.
    expect((await post(rejection.xml, { token: OTHER_TOKEN })).status).toBe(403);
    expect((await post(stranger.xml, { token: TOKEN })).status).toBe(202);
    expect((await post(rejection.xml, { token: TOKEN })).status).toBe(202);
    expect((await post(incomplete.xml, { token: TOKEN })).status).toBe(202);
    // Groß-Bieberau leaves its replies in a folder: a refused file is dead-lettered from there.
    await writeFile(join(folderInbox, '.antwort.xml.part'), xsdInvalid);
    await rename(join(folderInbox, '.antwort.xml.part'), join(folderInbox, 'antwort.xml'));

    const repliesDeadLetters = deadLetterTopicOf(env.contracts.replies.topic);
    await waitForDeadLetters(repliesDeadLetters, ['AMTSBOTE_REPLY_UNCORRELATED', 'AMTSBOTE_REPLY_REFUSED']);
    // The back office's rejection and its second formal check (incomplete) arrive as status events.
    await waitForStatus(id('bau-ok'), ['rejected', 'in_progress', 'in_progress']);
    // The folder inbox's dead letter names the inbox as its source.
    expect(recordsOf(repliesDeadLetters).some((r) => r.headers[deadLetterHeaders.sourceTopic] === 'inbox:gross-bieberau-dms')).toBe(true);
  });

  it('finds no canary in any log line, dead-letter header, status event or metric', async () => {
    // The search itself works: the dead letters keep the original bytes, canaries included, and a logged Buffer would be found.
    const notWire = recordsOf(deadLetterTopicOf(env.contracts.submitted.topic)).find((r) => r.key?.toString() === id('not-wire-format'))!;
    expect(leaksIn(notWire.value!.toString('utf8'))).toEqual(expect.arrayContaining([FAMILY_NAME, IBAN, '1911-11-11']));
    expect(leaksIn(JSON.stringify({ record: Buffer.from(`x${FAMILY_NAME}`) }))).not.toEqual([]);
    expect(leaksIn(Buffer.from(`xy${IBAN}`).toString('base64'))).not.toEqual([]);

    const found: string[] = [];
    const check = (where: string, text: string | null | undefined) => {
      const leaks = text ? leaksIn(text) : [];
      if (leaks.length > 0) found.push(`${where}: ${leaks.join(', ')} in ${text!.slice(0, 400)}`);
    };

    for (const [service, lines] of logLines) {
      expect(lines.length, service).toBeGreaterThan(0);
      lines.forEach((line, n) => check(`${service} log line ${n}`, line));
    }
    // kafkajs logs through the services' loggers too; nothing may bypass them.
    expect([...logLines.values()].flat().some((line) => line.includes('"component":"kafkajs"'))).toBe(true);

    const deadLetters = topics().deadLetters.flatMap(recordsOf);
    expect(deadLetters.length).toBeGreaterThanOrEqual(11);
    for (const record of deadLetters) {
      const where = `dead letter ${record.topic}@${record.offset} (${record.headers[deadLetterHeaders.errorCode]})`;
      check(`${where} key`, record.key?.toString('utf8'));
      for (const [name, value] of Object.entries(record.headers)) check(`${where} header ${name}`, value);
    }

    // Every other record's headers too: outbound, lane, replies and status records.
    for (const record of collector.records) {
      for (const [name, value] of Object.entries(record.headers)) check(`${record.topic}@${record.offset} header ${name}`, value);
    }

    for (const { event } of await statuses()) {
      const where = `status ${event.status} of ${event.applicationId}`;
      check(`${where} detail`, event.detail);
      check(`${where} outcome`, event.outcome);
      event.problems.forEach((p, n) => check(`${where} problem ${n}`, JSON.stringify(p)));
    }

    // Metrics are served on each service's health port; labels must carry no personal data either.
    for (const service of [receipts, ...services]) {
      const response = await fetch(`http://127.0.0.1:${service.healthPort}/metrics`);
      expect(response.status).toBe(200);
      check(`/metrics on health port ${service.healthPort}`, await response.text());
    }

    expect(found).toEqual([]);
  });

  it('carries the submission’s trace context to every record it causes, back office replies and their status events included', async () => {
    const applicationId = id('bau-ok');
    const submitted = traces.get(applicationId)!;
    const traceId = traceIdOf(submitted);
    const { outbound, lane, replies } = topics();
    const caused: { what: string; traceparent: string | undefined }[] = [
      ...recordsOf(outbound).filter((r) => r.key?.toString() === applicationId).map((r) => ({ what: 'outbound', traceparent: r.headers['traceparent'] })),
      ...recordsOf(lane).filter((r) => r.key?.toString() === applicationId).map((r) => ({ what: 'lane', traceparent: r.headers['traceparent'] })),
      ...recordsOf(replies).filter((r) => r.headers['ce_subject'] === applicationId).map((r) => ({ what: `reply ${r.headers['ce_id']}`, traceparent: r.headers['traceparent'] })),
      ...(await statuses())
        .filter((s) => s.event.applicationId === applicationId)
        .map((s) => ({ what: `status ${s.event.status}`, traceparent: s.record.headers['traceparent'] })),
    ];
    expect(caused.map((c) => c.what)).toEqual(
      expect.arrayContaining(['outbound', 'lane', 'status received', 'status translated', 'status delivered', 'status acknowledged', 'status in_progress', 'status decided', 'status rejected']),
    );
    expect(caused.filter((c) => c.what.startsWith('reply')).length).toBeGreaterThanOrEqual(5);
    for (const { what, traceparent } of caused) {
      expect(traceparent, what).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(traceIdOf(traceparent), what).toBe(traceId);
      expect(spanIdOf(traceparent), what).not.toBe(spanIdOf(submitted));
    }

    // Log lines about a record name its trace: the translator's dead letters, the delivery's retries and its giving up.
    const logged = (service: string) => logLines.get(service)!.map((line) => JSON.parse(line) as { msg: string; traceId?: string });
    for (const name of ['no-route', 'schema-invalid', 'mapping-failed', 'too-large', 'not-wire-format', 'undecodable']) {
      expect(logged('translator').filter((l) => l.msg === 'record dead-lettered').map((l) => l.traceId), name).toContain(traceIdOf(traces.get(id(name))));
    }
    const exhausted = traceIdOf(traces.get(id('exhausted')));
    expect(logged('delivery').filter((l) => l.traceId === exhausted).map((l) => l.msg)).toEqual(
      expect.arrayContaining(['retriable error, waiting before the next attempt', 'record dead-lettered']),
    );
  });
});
