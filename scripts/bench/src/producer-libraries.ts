// kafkajs against @platformatic/kafka behind our Producer interface, on the same broker, with the
// same records: the measurement behind docs/decisions/0007. Run: npm run bench:producers
// (KAFKA_BROKERS, BENCH_RECORDS, BENCH_RECORD_BYTES, BENCH_ROUNDS to change it).
import { randomUUID } from 'node:crypto';
import { loadavg } from 'node:os';
import { createKafkaClient, createLogger, type OutgoingRecord, type ProducerLibrary } from '@amtsbote/core';
import { machine, table, writeSection } from './results-file.js';

const brokers = (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',');
const records = Number(process.env['BENCH_RECORDS'] ?? 40_000);
const recordBytes = Number(process.env['BENCH_RECORD_BYTES'] ?? 4_000);
const rounds = Number(process.env['BENCH_ROUNDS'] ?? 3);
const batchSize = 500; // what a stage flushes at most per produce
const libraries: ProducerLibrary[] = ['kafkajs', 'platformatic'];

const logger = createLogger('bench', { level: 'warn' });
const topic = `bench-producers-${randomUUID().slice(0, 8)}`;
const admin = createKafkaClient({ brokers, clientId: 'bench', logger }).admin();
await admin.connect();
await admin.createTopics([{ name: topic, partitions: 6, replicationFactor: -1, config: { 'retention.ms': '600000' } }]);
await admin.disconnect();

// Headers as a status or replayed record carries them.
const value = Buffer.alloc(recordBytes, 'x');
const batchAt = (start: number): OutgoingRecord[] =>
  Array.from({ length: batchSize }, (_, i) => ({
    topic,
    key: `application-${start + i}`,
    value,
    headers: {
      ce_id: randomUUID(),
      ce_type: 'de.amtsbote.application.status',
      traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
      amtsbote_replay: 'bench',
    },
  }));

/** Records per second and CPU milliseconds per 1,000 records for one library, one round. */
async function measure(library: ProducerLibrary): Promise<{ rate: number; cpuMsPer1000: number }> {
  const producer = createKafkaClient({ brokers, clientId: `bench-${library}`, logger, producerLibrary: library }).producer();
  await producer.connect();
  await producer.send(batchAt(0)); // warm-up: connections, metadata, producer id
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let sent = 0; sent < records; sent += batchSize) await producer.send(batchAt(sent));
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  await producer.disconnect();
  return { rate: records / seconds, cpuMsPer1000: (used.user + used.system) / 1000 / (records / 1000) };
}

// Rounds alternate the libraries, so a busy moment of the machine does not favour one.
const results = new Map<ProducerLibrary, { rate: number; cpuMsPer1000: number }[]>(libraries.map((l) => [l, []]));
for (let round = 0; round < rounds; round++) for (const library of libraries) results.get(library)!.push(await measure(library));

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const baseline = median(results.get('kafkajs')!.map((r) => r.rate));
const rows = libraries.map((library) => {
  const rates = results.get(library)!.map((r) => r.rate);
  return [
    library,
    `${Math.round(median(rates)).toLocaleString('en')} /s`,
    rates.map((r) => Math.round(r).toLocaleString('en')).join(' · '),
    `${((median(rates) * recordBytes) / 1e6).toFixed(0)} MB/s`,
    `${median(results.get(library)!.map((r) => r.cpuMsPer1000)).toFixed(0)} ms`,
    `${(median(rates) / baseline).toFixed(2)}×`,
  ];
});
const output = table(['producer', 'median', 'rounds', 'payload', 'CPU per 1,000 records', 'vs kafkajs'], rows);
console.log(output);
writeSection(
  'Producer libraries: kafkajs and @platformatic/kafka',
  [
    `${records.toLocaleString('en')} records of ${recordBytes.toLocaleString('en')} bytes with four headers, in sends of ${batchSize} through our \`Producer\` interface (idempotent, acks from all in-sync replicas, Java-compatible partitions; the kafkajs producer sends one request per partition, see \`kafkajs-client.ts\`), to a topic of 6 partitions on the local broker; ${rounds} rounds, the libraries alternating.`,
    `Machine: ${machine()}; load average ${loadavg()[0]!.toFixed(1)} at the end. Measured ${new Date().toISOString().slice(0, 10)}. Re-run: \`npm run bench:producers\`.`,
    '',
    output,
  ].join('\n'),
);
