// The part of SaxonJS 2.7's API (https://www.saxonica.com/saxon-js/documentation2/) that the
// Schematron engine uses; the package ships no type declarations.
declare module 'saxon-js' {
  /** A node of SaxonJS' own DOM implementation under Node.js (the `raw` result of a transform). */
  export interface SaxonNode {
    readonly nodeType: number;
    readonly localName: string | null;
    readonly namespaceURI: string | null;
    readonly textContent: string | null;
    readonly childNodes: ArrayLike<SaxonNode>;
    getAttribute(name: string): string;
  }

  export interface TransformOptions {
    /** A compiled stylesheet (SEF) as a parsed JSON object. */
    stylesheetInternal?: unknown;
    sourceText?: string;
    sourceFileName?: string;
    destination?: 'serialized' | 'raw' | 'document';
    stylesheetParams?: Record<string, unknown>;
  }

  export interface TransformResult {
    principalResult: unknown;
  }

  export interface ProcessorInfo {
    productName: string;
    productVersion: string;
  }

  interface SaxonJS {
    transform(options: TransformOptions, execution: 'sync'): TransformResult;
    transform(options: TransformOptions, execution: 'async'): Promise<TransformResult>;
    getProcessorInfo(): ProcessorInfo;
  }

  const saxonJs: SaxonJS;
  export default saxonJs;
}
