import * as path from 'path';
import { ReportedFinding } from '../reported-finding';

/** A value safe inside a Markdown table cell: no pipes or line breaks. */
export function cell(text: string | undefined): string {
  return (text ?? '').replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ').trim();
}

/** Inline code, safe for any content. */
export function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`';
  return `${fence}${text}${fence}`;
}

/** A path relative to the source root, with forward slashes (what GitHub and SARIF expect). */
export function relativePath(file: string, sourceRoot: string): string {
  const relative = path.relative(sourceRoot, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}

/** `lib/stack.ts:12` for the user's line, or undefined when unknown. */
export function sourceText(finding: ReportedFinding, sourceRoot: string): string | undefined {
  const location = finding.sourceLocation;
  return location ? `${relativePath(location.file, sourceRoot)}:${location.line}` : undefined;
}

export function plural(count: number, singular: string, pluralForm?: string): string {
  return `${count} ${count === 1 ? singular : pluralForm ?? `${singular}s`}`;
}
