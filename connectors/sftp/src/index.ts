export { createSftpConnector, fileNameOf } from './sftp-connector.js';
export { createSftpInbox } from './sftp-inbox.js';
