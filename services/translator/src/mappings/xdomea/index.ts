export { mapToXdomeaGeschaeftsgang0201, xdomeaGeschaeftsgang0201Mapping } from './geschaeftsgang-0201.js';
export { ERWEITERUNG_KENNUNG } from './service-data.js';
export { XDOMEA_NAMESPACE } from './xdomea-writer.js';
