export { createReferenceBackoffice, type BackofficeFault, type IntakeStats, type ReferenceBackofficeOptions } from './server.js';
export { createInboxStore, type InboxStore, type Receipt } from './inbox-store.js';
export { createReplier, replyScript, type Replier, type ReplierOptions } from './replier.js';
export { buildReply, type BuiltReply, type ReplyRequest } from './replies/build-replies.js';
export { readOriginalMessage, type OriginalMessage } from './replies/original-message.js';
