export { AmtsboteError, isRetriable, toAmtsboteError, problemTypeOf, errorCodes, type ErrorCode, type Problem } from './errors.js';
export { createLogger, redactedPaths, type Logger } from './logger.js';
export { parseConfig, commaList, kafkaEnvSchema, pipelineEnvSchema, type KafkaEnv, type PipelineEnv } from './config.js';
export { toHeaders, causedBy, isReplay, REPLAY_HEADER, type Headers, type EventMeta } from './cloud-events.js';
export { nextTraceparent, traceIdOf } from './trace-context.js';
export { deriveEventId } from './ids.js';
export { createAvroCodec, type AvroCodec } from './avro-codec.js';
export { toDeadLetter, deadLetterHeaders, type ServiceIdentity } from './dead-letter.js';
export { createStatusRecord, type StatusReport, type ApplicationState } from './status-events.js';
export { createStage, backoffDelay, type Stage, type StageOptions, type RetryPolicy } from './stage.js';
export { failpoint, type FailpointName } from './failpoints.js';
export { createKafkaClient, type KafkaClientOptions, type ProducerLibrary } from './kafka/client.js';
export { createKafkajsClient, createKafkajsAclAdmin, type KafkajsClientOptions } from './kafka/kafkajs-client.js';
export { kafkaSecurityOf, readSecretFile, type KafkaSecurity } from './kafka/security.js';
export { aclBindingsOf, aclsFileSchema, applyAcls, describeAcl, planAcls, type AclAdmin, type AclBinding } from './kafka/acls.js';
export type * from './kafka/types.js';
export * from './masterdata/index.js';
export { startHealthServer, stopOnSignals, packageVersion, type ReadinessCheck, type MetricsSource } from './service-runtime.js';
export { createServiceMetrics, type ServiceMetrics, type StageMetrics } from './metrics.js';
export type { Connector, ConnectorFactory, OutboundMessage, DeliveryReceipt, Inbox, InboxFactory, InboxFile } from './connector.js';
export {
  startPipelineService,
  pipelineSettingsOf,
  stageSettingsOf,
  type PipelineRuntime,
  type PipelineService,
  type PipelineServiceOptions,
  type StageHandlers,
  type StageSpec,
} from './pipeline-service.js';
export { createSubmissionRecord } from './submission-records.js';
export { applyTopics, describeTopicChange } from './topics/apply-topics.js';
export { topicSpecsOf, planTopicChanges, topicsFileSchema, type TopicChange } from './topics/topic-plan.js';
export { createMemoryProducer, createMemoryConsumer } from './kafka/memory-client.js';
export { createMemoryAvroCodec } from './memory-avro-codec.js';
