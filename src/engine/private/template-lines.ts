import * as fs from 'fs';
import { StackView } from '../../core/stack-view';

/**
 * Finds where resources are defined in synthesized templates. Each template is indexed once (logical id to line), so
 * locating thousands of findings costs one pass per template; a view whose host indexed the text it read
 * (`StackView._resourceLines`) spares reading the file again.
 */
export class TemplateLines {
  /** Logical id to the 1-based line on which its definition starts, for the text of an indented template. */
  public static index(text: string): Map<string, number> {
    return indexResources(text);
  }

  private readonly indexes = new Map<string, Map<string, number>>();

  /** @param views views whose template lines are already known */
  constructor(views: StackView[] = []) {
    for (const view of views) {
      if (view.templatePath !== undefined && view._resourceLines) this.indexes.set(view.templatePath, view._resourceLines);
    }
  }

  /**
   * The 1-based line of a template on which a resource's definition starts.
   *
   * @returns the line, or undefined when the file is not written (yet), is not indented, or lacks the resource
   */
  public lineOf(templatePath: string, logicalId: string): number | undefined {
    let index = this.indexes.get(templatePath);
    if (!index) {
      index = fs.existsSync(templatePath) ? indexResources(fs.readFileSync(templatePath, 'utf-8')) : new Map<string, number>();
      this.indexes.set(templatePath, index);
    }
    return index.get(logicalId);
  }
}

/** `"Resources": {` alone on its line; the least indented one is the section whose keys are the logical ids. */
const RESOURCES_LINE = /^([ \t]*)"Resources":[ \t]*\{[ \t]*\r?$/gm;
/** A key that opens an object, read at the start of a line's text (sticky). */
const OBJECT_KEY = /("(?:[^"\\]|\\.)*"):\s*\{/y;
const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

/**
 * Logical id to line, for the keys directly under `"Resources"` of an indented template. The text is scanned in
 * place rather than split into lines: a large app's templates have hundreds of thousands of lines, and only the
 * few that start a resource are read as strings.
 */
function indexResources(text: string): Map<string, number> {
  const index = new Map<string, number>();
  const section = resourcesSection(text);
  if (!section) return index;
  const sectionIndent = section[1].length;
  let lineNumber = countLines(text, section.index) + 1;
  let resourceIndent: number | undefined;
  for (let start = lineEnd(text, section.index) + 1; start < text.length; start = lineEnd(text, start) + 1) {
    lineNumber++;
    const indent = indentAt(text, start);
    const textStart = start + indent;
    const blank = textStart >= text.length || text.charCodeAt(textStart) === NEWLINE || text.charCodeAt(textStart) === CARRIAGE_RETURN;
    if (indent <= sectionIndent && !blank) break;
    if (blank || (resourceIndent !== undefined && indent !== resourceIndent)) continue; // inside a resource: no key
    OBJECT_KEY.lastIndex = textStart;
    const key = OBJECT_KEY.exec(text);
    if (!key) continue;
    resourceIndent ??= indent;
    const logicalId = JSON.parse(key[1]) as string;
    if (!index.has(logicalId)) index.set(logicalId, lineNumber);
  }
  return index;
}

/** The top-level `"Resources"` line (a parameter or property may also be named Resources, deeper in). */
function resourcesSection(text: string): RegExpExecArray | undefined {
  let best: RegExpExecArray | undefined;
  RESOURCES_LINE.lastIndex = 0;
  for (let match = RESOURCES_LINE.exec(text); match; match = RESOURCES_LINE.exec(text)) {
    if (!best || match[1].length < best[1].length) best = match;
  }
  return best;
}

/** Index of the newline that ends the line containing `from` (the text length on the last line). */
function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** Newlines before `position`: its 0-based line. */
function countLines(text: string, position: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < position; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Width of the spaces and tabs that start the line at `start`. */
function indentAt(text: string, start: number): number {
  let at = start;
  for (let code = text.charCodeAt(at); code === SPACE || code === TAB; code = text.charCodeAt(++at));
  return at - start;
}
