export { createIntegrationEnvironment, repoRoot, type EnvironmentOptions, type IntegrationEnvironment } from './environment.js';
export { collectRecords, type RecordCollector } from './collect.js';
export { startTestBackoffice, masterDataPointingAt, patchDestination, type TestBackoffice } from './backoffice.js';
export { sampleSubmissions, submit } from './submissions.js';
export { freePort, serviceMain, startServiceProcess, type ProcessEnd, type ServiceProcess } from './service-process.js';
export { createTestPki, startTlsServer, type CertificateFiles, type TestPki, type TlsServer, type TlsServerOptions } from './tls.js';
export { startFaultProxy, type FaultProxy, type FaultProxyStats, type NetworkFaults } from './fault-proxy.js';
export { clusterBrokers, clusterFaultListeners, FAULT_ROW_PREFIX, faultResultsFile, kafkaSh, mb, metricSum, reportRow, upCluster, waitUntil } from './fault-matrix.js';
export {
  deliveredHistory,
  describeCounts,
  startFaultPipeline,
  type FaultPipeline,
  type FaultPipelineOptions,
  type PipelineCounts,
  type PipelineProcess,
  type ServiceName,
  type StatusBook,
} from './fault-pipeline.js';
