import { createKafkajsClient, type KafkajsClientOptions } from './kafkajs-client.js';
import { createPlatformaticProducer } from './platformatic-producer.js';
import type { KafkaClient } from './types.js';

/** Which library produces: @platformatic/kafka by default, kafkajs as the way back (docs/decisions/0007). */
export type ProducerLibrary = 'platformatic' | 'kafkajs';

export interface KafkaClientOptions extends KafkajsClientOptions {
  producerLibrary?: ProducerLibrary;
}

/**
 * The Kafka client Amtsbote runs on: kafkajs consumes and administers, @platformatic/kafka produces,
 * because producing dominated our profiles and it does so 2.4–3× faster (docs/decisions/0007).
 */
export function createKafkaClient(options: KafkaClientOptions): KafkaClient {
  const kafkajs = createKafkajsClient(options);
  if (options.producerLibrary === 'kafkajs') return kafkajs;
  return { ...kafkajs, producer: () => createPlatformaticProducer(options) };
}
