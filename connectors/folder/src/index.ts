export { createFolderConnector, fileNameOf } from './folder-connector.js';
