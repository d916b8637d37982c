export { xoevErrorCodes, XoevError, type XoevErrorCode, type XoevErrorOptions } from './xoev-error.js';
export {
  createXsdValidator,
  type ValidationIssue,
  type ValidationResult,
  type XsdSchemaValidator,
  type XsdValidator,
  type XsdValidatorOptions,
} from './xsd-validator.js';
export { createXsdValidatorCache, type XsdValidatorCache, type XsdValidatorCacheOptions } from './xsd-validator-cache.js';
export { redactValues } from './redact-values.js';
export {
  createTextReplacementLog,
  REPLACEMENT_CHARACTER,
  toXmlText,
  type TextReplacement,
  type TextReplacementLog,
  type XmlTextOptions,
} from './xml-text.js';
export { AMTSBOTE_XOEV_NAMESPACE, deriveMessageId, deriveObjectId } from './message-ids.js';
export { GERMAN_TIME_ZONE, toXsdDate, toXsdDateInTimeZone, toXsdDateTime } from './xsd-date-time.js';
export { appendXoevCode, type XoevCode } from './xoev-code.js';
export { serializeXml } from './serialize-xml.js';
export {
  compileSchematron,
  DEFAULT_SCHEMATRON_CACHE_DIR,
  isSchematronCompilerPrepared,
  SCHEMATRON_PREPARE_SCRIPT,
  SCHXSLT_VERSION,
  type CompiledSchematron,
  type SchematronCompileOptions,
} from './schematron-compiler.js';
export {
  createSchematronValidator,
  severityOfRole,
  type SchematronFinding,
  type SchematronResult,
  type SchematronSeverity,
  type SchematronValidator,
  type SchematronValidatorOptions,
} from './schematron-validator.js';
export {
  createSchematronValidatorCache,
  type SchematronValidatorCache,
  type SchematronValidatorCacheOptions,
} from './schematron-validator-cache.js';
export { createXoevWriter, type XoevWriter } from './xoev-writer.js';
export { hasText, isGermanMobileNumber } from './contact.js';
export { replyErrorCodes, ReplyError, type ReplyErrorCode } from './replies/reply-error.js';
export { childElement, childElements, elementAt, textAt, type XmlElement, type XmlStep } from './replies/xml-element.js';
export { DEFAULT_HOSTILE_XML_LIMITS, parseHostileXml, type HostileXmlLimits } from './replies/parse-hostile-xml.js';
export { findReplyType, REPLY_TYPES, replyNamespaces, type ReplyKind, type ReplyType } from './replies/reply-schemas.js';
export { classifyReply, type ClassifiedReply, type DecisionOutcome } from './replies/classify-reply.js';
