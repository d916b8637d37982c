export { startDeliveryService } from './service.js';
export { deliveryConfigSchema, type DeliveryConfig } from './config.js';
