import path from 'node:path';
import { createXsdValidator, type XsdSchemaValidator, type XsdValidatorOptions } from './xsd-validator.js';

/** Compiled schemas shared by one process: each root XSD is compiled on first use, then reused. */
export interface XsdValidatorCache extends Disposable {
  /** The validator for a root XSD, compiling it on first use; throws XOEV_SCHEMA_COMPILE_FAILED if it does not compile. */
  get(schemaFile: string): XsdSchemaValidator;
  /** How many schemas are compiled. */
  readonly size: number;
  /** Frees every compiled schema; a later `get` compiles again. */
  close(): void;
}

/** Options applied to every validator of a cache. */
export type XsdValidatorCacheOptions = Omit<XsdValidatorOptions, 'schemaFile'>;

/**
 * A per-process cache of compiled schemas (compiling xdomea takes ~0.3 s and a few MB of WebAssembly
 * memory; validating takes well under a millisecond). The validators it hands out have no `close`:
 * the cache owns them.
 */
export function createXsdValidatorCache(options: XsdValidatorCacheOptions = {}): XsdValidatorCache {
  const validators = new Map<string, ReturnType<typeof createXsdValidator>>();
  const close = (): void => {
    for (const validator of validators.values()) validator.close();
    validators.clear();
  };
  return {
    get(schemaFile) {
      const key = path.resolve(schemaFile);
      let validator = validators.get(key);
      if (!validator) {
        validator = createXsdValidator({ ...options, schemaFile: key });
        validators.set(key, validator);
      }
      const { schemaFile: file, validate } = validator;
      return { schemaFile: file, validate };
    },
    get size() {
      return validators.size;
    },
    close,
    [Symbol.dispose]: close,
  };
}
