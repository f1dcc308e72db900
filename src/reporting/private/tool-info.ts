import * as fs from 'fs';
import * as path from 'path';

/** The tool's name and version as reports show them. */
export const TOOL_NAME = 'cdk-secure-serverless';
export const TOOL_URI = 'https://github.com/cdk-secure-serverless/cdk-secure-serverless';

let cachedVersion: string | undefined;

/** The library version from its package.json (src/ and lib/ both sit two levels below it). */
export function toolVersion(): string {
  if (cachedVersion === undefined) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf-8'));
      cachedVersion = typeof manifest.version === 'string' ? manifest.version : '0.0.0';
    } catch {
      cachedVersion = '0.0.0';
    }
  }
  return cachedVersion ?? '0.0.0';
}
