import { createKafkajsClient, type KafkajsClientOptions } from './kafkajs-client.js';
import { createPlatformaticProducer } from './platformatic-producer.js';
import type { KafkaClient } from './types.js';

/** Which library produces: kafkajs by default; @platformatic/kafka once it has passed the cluster's fault tests (docs/decisions/0007). */
export type ProducerLibrary = 'platformatic' | 'kafkajs';

export interface KafkaClientOptions extends KafkajsClientOptions {
  producerLibrary?: ProducerLibrary;
}

/**
 * The Kafka client Amtsbote runs on: kafkajs consumes and administers; the producer is kafkajs' or
 * @platformatic/kafka's, which produces with a quarter of the CPU (docs/decisions/0007).
 */
export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const kafkajs = createKafkajsClient(options);
  if (options.producerLibrary !== 'platformatic') return kafkajs;
  return { ...kafkajs, producer: () => createPlatformaticProducer(options) };
}
