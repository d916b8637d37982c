export { createReferenceBackoffice, type IntakeStats, type ReferenceBackofficeOptions } from './server.js';
export { createInboxStore, type InboxStore, type Receipt } from './inbox-store.js';
