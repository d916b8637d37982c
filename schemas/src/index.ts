export { contracts, contractsFor, deadLetterTopicOf, avroOptions, avroTypeOf, type Contract, type Contracts } from './contracts.js';
export { logicalTypes, TimestampMillisType, DateType } from './logical-types.js';
export type { ApplicationSubmitted } from './generated/application-submitted.js';
export { DeAmtsboteApplicationV1 as SubmissionTypes } from './generated/application-submitted.js';
export type { ApplicationStatus } from './generated/application-status.js';
export { DeAmtsboteApplicationV1 as StatusTypes } from './generated/application-status.js';
export type { XoevMessage } from './generated/xoev-message.js';
export { sampleGewerbeanmeldung, sampleGewerbeanzeige, serviceKeys } from './samples.js';
export { sampleBauantrag } from './samples.js';
