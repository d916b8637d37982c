export { mapToXdomeaGeschaeftsgang0201, xdomeaGeschaeftsgang0201Mapping, xdomeaGeschaeftsgang0201MappingFor } from './geschaeftsgang-0201.js';
export { ERWEITERUNG_KENNUNG } from './service-data.js';
export { XDOMEA_NAMESPACE, xdomeaNamespace, type XdomeaVersion } from './xdomea-writer.js';
