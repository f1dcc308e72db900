import * as fs from 'fs';
import { RUN_TMPDIR_VARIABLE } from './global-setup';

/** Removes the run's temporary folder (see `globalSetup`), with every cloud assembly the tests wrote into it. */
export default function globalTeardown(): void {
  const dir = process.env[RUN_TMPDIR_VARIABLE];
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}
