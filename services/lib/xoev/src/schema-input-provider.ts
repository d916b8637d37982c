import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { xmlRegisterInputProvider, type XmlInputProvider } from 'libxml2-wasm';
import { XoevError } from './xoev-error.js';

// libxml2 compiled to WebAssembly has no file system of its own: every xs:include/xs:import is
// read through the input providers registered here. Ours serves local *.xsd files and nothing else,
// so neither a schema nor a validated document can make libxml2 read another local file or the
// network (the equivalent of `xmllint --nonet`).
const schemaFileProvider: XmlInputProvider = {
  match(filename) {
    const file = localPath(filename);
    return file !== null && /\.xsd$/i.test(file) && fs.existsSync(file);
  },
  open(filename) {
    const file = localPath(filename);
    if (file === null) return undefined;
    try {
      return fs.openSync(file, 'r');
    } catch {
      return undefined;
    }
  },
  read(fd, buf) {
    try {
      return fs.readSync(fd, buf, 0, buf.byteLength, null);
    } catch {
      return -1;
    }
  },
  close(fd) {
    try {
      fs.closeSync(fd);
      return true;
    } catch {
      return false;
    }
  },
};

function localPath(filename: string): string | null {
  if (filename.startsWith('file:')) {
    try {
      return fileURLToPath(filename);
    } catch {
      return null;
    }
  }
  // Anything else with a scheme (http:, urn:, …) is not ours; relative paths never reach us because
  // libxml2 resolves them against the absolute URL we give each schema document.
  return filename.startsWith('/') ? filename : null;
}

let registered = false;

/** Registers the schema file provider with libxml2, once per process (libxml2's table is global). */
export function ensureSchemaInputProvider(): void {
  if (registered) return;
  if (!xmlRegisterInputProvider(schemaFileProvider)) {
    throw new XoevError('XOEV_SCHEMA_COMPILE_FAILED', 'libxml2 refused the schema input provider: its callback table is full');
  }
  registered = true;
}
