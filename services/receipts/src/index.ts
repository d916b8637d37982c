export { startReceiptsService, type ReceiptsService } from './service.js';
export { receiptsConfigSchema, type ReceiptsConfig } from './config.js';
export { RefusedReply } from './reply-intake.js';
