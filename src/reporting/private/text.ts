import * as path from 'path';
import { ReportedFinding } from '../report-types';

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

/**
 * The construct a person wrote, for a resource's construct path: aws-cdk-lib names the L1 resource inside an L2
 * construct `Resource` (or `Default`), so `Stack/Orders/Resource` is the user's `Stack/Orders`.
 */
export function ownerPath(constructPath: string): string {
  return constructPath.replace(/\/(?:Resource|Default)$/, '');
}

/** The text as a sentence: a full stop added unless it already ends with one (or `?`, `!`). */
export function sentence(text: string | undefined): string {
  const trimmed = (text ?? '').trim();
  return /[.?!]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}
