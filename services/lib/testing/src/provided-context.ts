// What the global setup (scripts/testing/global-setup.ts) provides to every test via inject().
declare module 'vitest' {
  export interface ProvidedContext {
    kafkaBrokers: string;
    schemaRegistryUrl: string;
    xoevSchemaDir: string;
  }
}

export {};
