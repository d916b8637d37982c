import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { referenceSchemas } from './__fixtures__/reference-xoev.js';
import { createXsdValidatorCache } from './xsd-validator-cache.js';
import * as xsdValidator from './xsd-validator.js';

vi.mock('./xsd-validator.js', { spy: true });

describe('createXsdValidatorCache', () => {
  afterEach(() => vi.mocked(xsdValidator.createXsdValidator).mockClear());

  it('compiles each root schema once, however its path is spelled', () => {
    using cache = createXsdValidatorCache();
    const relative = path.relative(process.cwd(), referenceSchemas.xdomea300);
    const first = cache.get(referenceSchemas.xdomea300);
    const second = cache.get(relative);
    expect(first.validate('<fremd/>').valid).toBe(false);
    expect(second.schemaFile).toBe(first.schemaFile);
    expect(cache.size).toBe(1);
    expect(xsdValidator.createXsdValidator).toHaveBeenCalledTimes(1);
  });

  it('keeps one compiled schema per root schema', () => {
    using cache = createXsdValidatorCache();
    cache.get(referenceSchemas.xdomea300);
    cache.get(referenceSchemas.xdomea310);
    expect(cache.size).toBe(2);
  });

  it('hands out validators without close, because the cache owns them', () => {
    using cache = createXsdValidatorCache();
    expect(Object.keys(cache.get(referenceSchemas.xdomea300)).sort()).toEqual(['schemaFile', 'validate']);
  });

  it('passes its options to every validator it compiles', () => {
    using cache = createXsdValidatorCache({ maxErrors: 1 });
    const result = cache.get(referenceSchemas.xdomea300).validate('<a><b></a>');
    expect(result.errors).toHaveLength(1);
  });

  it('frees every schema on close and compiles again on the next use', () => {
    const cache = createXsdValidatorCache();
    const before = cache.get(referenceSchemas.xdomea300);
    cache.close();
    expect(cache.size).toBe(0);
    expect(() => before.validate('<fremd/>')).toThrow(expect.objectContaining({ code: 'XOEV_VALIDATOR_CLOSED' }) as Error);
    expect(cache.get(referenceSchemas.xdomea300).validate('<fremd/>').valid).toBe(false);
    expect(xsdValidator.createXsdValidator).toHaveBeenCalledTimes(2);
    cache.close();
  });

  it('does not remember a schema that failed to compile', () => {
    using cache = createXsdValidatorCache();
    expect(() => cache.get('/nonexistent/x.xsd')).toThrow(expect.objectContaining({ code: 'XOEV_SCHEMA_COMPILE_FAILED' }) as Error);
    expect(cache.size).toBe(0);
  });
});
