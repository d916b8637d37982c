import { fileURLToPath, pathToFileURL } from 'node:url';

// The official schemas live in shared/xoev beside the checkout (read-only reference data, never
// copied into the repo); CI lays out the same folders. XOEV_SCHEMA_DIR points elsewhere, as for the services.
const xoevRoot = process.env['XOEV_SCHEMA_DIR']
  ? pathToFileURL(`${process.env['XOEV_SCHEMA_DIR'].replace(/\/+$/, '')}/`)
  : new URL('../../../../../../shared/xoev/', import.meta.url);

/** An absolute path inside shared/xoev. */
export function referenceFile(relativePath: string): string {
  return fileURLToPath(new URL(relativePath, xoevRoot));
}

/** The root XSDs the tests compile. */
export const referenceSchemas = {
  xdomea310: referenceFile('xdomea-3.1.0/xsd/3.1.0/xdomea.xsd'),
  xdomea300: referenceFile('xdomea-3.0.0/schemes/xdomea_3.0.0/xdomea.xsd'),
  xbauBaugenehmigung: referenceFile('xbau-2.6/xsd_dev/xbau-nachrichten-baugenehmigung.xsd'),
} as const;

/** The hand-made xdomea 3.0.0 example that validates (Aussonderung.Aussonderung.0503, 5.3 KB). */
export const xdomea300Example = referenceFile(
  'xdomea-3.0.0/beispiele/9fde4e7a-b41b-11ec-9225-005056871b7c_Aussonderung.Aussonderung.0503.xml',
);
