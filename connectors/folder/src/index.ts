export { createFolderConnector, fileNameOf } from './folder-connector.js';
export { createFolderInbox } from './folder-inbox.js';
