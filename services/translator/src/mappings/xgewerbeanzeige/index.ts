export {
  gewerbeanzeigeServiceKeys,
  mapGewerbeanzeigeToXGewerbeanzeige,
  MESSAGE_TYPE_0300,
  xgewerbeanzeigeGewerbemeldung0300Mapping,
} from './alg-gewerbemeldung-0300.js';
export { XGEWERBEANZEIGE_NAMESPACE, XGEWERBEANZEIGE_VERSION } from './xgewerbeanzeige-writer.js';
