import { describe, expect, it } from 'vitest';
import { contracts, type ApplicationStatus } from '@amtsbote/schemas';
import { causedBy, REPLAY_HEADER, toHeaders } from './cloud-events.js';
import { createMemoryAvroCodec } from './memory-avro-codec.js';
import { createStatusRecord } from './status-events.js';

const original = { ce_id: 'submission-1', correlationid: 'app-1', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
const event = { id: 'outbound-1', type: 'de.amtsbote.xoev.message.v1', source: 'amtsbote/translator', subject: 'app-1' };

describe('replay marks', () => {
  it('pass from a replayed record to every event it causes, however many steps downstream', () => {
    const outbound = toHeaders(causedBy({ ...original, [REPLAY_HEADER]: 'true' }, event));
    expect(outbound[REPLAY_HEADER]).toBe('true');
    expect(toHeaders(causedBy(outbound, { ...event, id: 'lane-1' }))[REPLAY_HEADER]).toBe('true');
    expect(toHeaders(causedBy(original, event))).not.toHaveProperty(REPLAY_HEADER);
  });

  it('make a status event say replay, in its value and its headers', async () => {
    const codec = createMemoryAvroCodec();
    const report = { applicationId: 'app-1', status: 'delivered' as const, source: 'amtsbote/delivery' };
    const replayed = await createStatusRecord(codec, contracts.status, { ...report, cause: { ...original, [REPLAY_HEADER]: 'true' } });
    const first = await createStatusRecord(codec, contracts.status, { ...report, cause: original });
    expect((await codec.decode<ApplicationStatus>(replayed.value)).replay).toBe(true);
    expect(replayed.headers[REPLAY_HEADER]).toBe('true');
    expect((await codec.decode<ApplicationStatus>(first.value)).replay).toBe(false);
    expect(first.headers).not.toHaveProperty(REPLAY_HEADER);
  });
});
