import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * A new, empty folder in the temporary folder: under jest, the run's own folder, which `globalTeardown` removes with
 * everything in it when the run ends.
 */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
}
