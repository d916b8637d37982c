export { createIntegrationEnvironment, repoRoot, type IntegrationEnvironment } from './environment.js';
export { collectRecords, type RecordCollector } from './collect.js';
export { startTestBackoffice, masterDataPointingAt, type TestBackoffice } from './backoffice.js';
export { sampleSubmissions, submit } from './submissions.js';
