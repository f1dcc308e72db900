import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where `globalSetup` tells `globalTeardown` which folder to remove (both run in jest's main process). */
export const RUN_TMPDIR_VARIABLE = 'CDK_SECURE_SERVERLESS_TEST_TMPDIR';

/**
 * Gives the test run a temporary folder of its own: `TMPDIR`, which `os.tmpdir()` reads, points at a new folder that
 * the global teardown removes. aws-cdk-lib writes a cloud assembly into a new temporary folder for every `App` made
 * without an `outdir`, and removes none of them: without this, each full run would leave well over a thousand behind.
 * The workers are started after this runs, so they inherit the variable.
 */
export default function globalSetup(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-secure-serverless-tests-'));
  process.env[RUN_TMPDIR_VARIABLE] = dir;
  process.env.TMPDIR = dir;
}
