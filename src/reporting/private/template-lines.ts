import * as fs from 'fs';

/**
 * Finds where resources are defined in synthesized templates. Each template is read and indexed once (logical id to
 * line), so locating thousands of findings costs one pass per template.
 */
export class TemplateLines {
  private readonly indexes = new Map<string, Map<string, number>>();

  /**
   * The 1-based line of a template on which a resource's definition starts.
   *
   * @returns the line, or undefined when the file is not written (yet), is not indented, or lacks the resource
   */
  public lineOf(templatePath: string, logicalId: string): number | undefined {
    let index = this.indexes.get(templatePath);
    if (!index) {
      index = indexResources(templatePath);
      this.indexes.set(templatePath, index);
    }
    return index.get(logicalId);
  }
}

/** Logical id to line, for the keys directly under `"Resources"` of an indented template. */
function indexResources(templatePath: string): Map<string, number> {
  const index = new Map<string, number>();
  if (!fs.existsSync(templatePath)) return index;
  const lines = fs.readFileSync(templatePath, 'utf-8').split('\n');
  const start = lines.findIndex((l) => /^\s*"Resources":\s*\{\s*$/.test(l));
  if (start < 0) return index;
  const sectionIndent = indentOf(lines[start]);
  let resourceIndent: number | undefined;
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i];
    const indent = indentOf(line);
    if (indent <= sectionIndent && line.trim() !== '') break;
    if (resourceIndent !== undefined && indent !== resourceIndent) continue; // inside a resource: no key to read
    const key = /^\s*("(?:[^"\\]|\\.)*"):\s*\{/.exec(line);
    if (!key) continue;
    resourceIndent ??= indent;
    if (indent === resourceIndent && !index.has(JSON.parse(key[1]))) index.set(JSON.parse(key[1]), i + 1);
  }
  return index;
}

function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}
