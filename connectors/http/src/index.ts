export { createHttpConnector, parseRetryAfter } from './http-connector.js';
