export {
  BAUGENEHMIGUNG_SERVICE_KEYS,
  mapToXbauBaugenehmigungAntrag0200,
  xbauBaugenehmigungAntrag0200Mapping,
} from './baugenehmigung-antrag-0200.js';
export { XBAU_NAMESPACE } from './xbau-writer.js';
