export { createIntegrationEnvironment, repoRoot, type IntegrationEnvironment } from './environment.js';
export { collectRecords, type RecordCollector } from './collect.js';
export { startTestBackoffice, masterDataPointingAt, patchDestination, type TestBackoffice } from './backoffice.js';
export { sampleSubmissions, submit } from './submissions.js';
export { serviceMain, startServiceProcess, type ProcessEnd, type ServiceProcess } from './service-process.js';
export { createTestPki, startTlsServer, type CertificateFiles, type TestPki, type TlsServer, type TlsServerOptions } from './tls.js';
