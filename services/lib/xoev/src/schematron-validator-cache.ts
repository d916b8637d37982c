import path from 'node:path';
import { createSchematronValidator, type SchematronValidator, type SchematronValidatorOptions } from './schematron-validator.js';

/** Compiled Schematron shared by one process: each .sch file is loaded on first use, then reused. */
export interface SchematronValidatorCache {
  /** The validator of a .sch file, compiling it (once per machine) and loading it (once per process) on first use. */
  get(schematronFile: string): Promise<SchematronValidator>;
  /** How many .sch files are loaded or loading. */
  readonly size: number;
}

/** Options applied to every validator of a cache. */
export type SchematronValidatorCacheOptions = Omit<SchematronValidatorOptions, 'schematronFile'>;

/**
 * A per-process cache of Schematron validators. Call `get` for every Schematron a service needs at
 * start-up: the first compilation of the XBau rules on a machine takes ~30 s, loading a compiled one
 * ~0.1 s. A failed load is not cached, so a later `get` tries again (e.g. after the compiler was prepared).
 */
export function createSchematronValidatorCache(options: SchematronValidatorCacheOptions = {}): SchematronValidatorCache {
  const validators = new Map<string, Promise<SchematronValidator>>();
  return {
    get(schematronFile) {
      const key = path.resolve(schematronFile);
      let validator = validators.get(key);
      if (!validator) {
        validator = createSchematronValidator({ ...options, schematronFile: key });
        validators.set(key, validator);
        validator.catch(() => validators.delete(key));
      }
      return validator;
    },
    get size() {
      return validators.size;
    },
  };
}
