export * from './schema.js';
export { loadMasterData, validateMasterData, crossCheck } from './load.js';
export { createRouter, type Router, type ResolvedRoute } from './router.js';
export { masterDataTopicsFor, masterDataKeyOf, masterDataKinds, type MasterDataKind, type MasterDataEntry, type MasterDataTopics } from './topics.js';
export {
  diffMasterData,
  countMasterDataDiff,
  isEmptyMasterDataDiff,
  describeMasterDataDiff,
  canonicalJson,
  type MasterDataDiff,
  type KindDiff,
  type EntryChange,
} from './diff.js';
export {
  MASTERDATA_IMPORT_HEADER,
  createMasterDataRecord,
  createImportMarkerRecord,
  decodeMasterDataRecord,
  type ImportMarker,
  type MasterDataRecord,
} from './records.js';
export { createMasterDataLog, type MasterDataLog, type ApplyResult, type RefusedImport } from './log-state.js';
export { followMasterDataTopics, readMasterDataSnapshot, type MasterDataFollower, type FollowOptions, type MasterDataSnapshot } from './follow.js';
export {
  importMasterData,
  exportMasterData,
  readAppliedMasterData,
  readMasterData,
  planMasterDataImport,
  type ImportPlan,
  type ImportResult,
  type MasterDataInTopics,
  type MasterDataTopicOptions,
} from './import.js';
export { createMasterDataView, type MasterDataView, type MasterDataViewOptions, type MasterDataChange, type MasterDataRefusal } from './view.js';
export { startMasterData, type MasterDataConfig } from './start.js';
export { masterDataToYaml, writeMasterDataFiles } from './files.js';
