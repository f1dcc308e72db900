import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { SourceLocation } from '../report-types';

/** The metadata type under which aws-cdk-lib records where a CloudFormation element was created. */
const CREATION_STACK_METADATA = 'aws:cdk:creationStack';

/** This library's own sources: frames inside it are never the user's line (a `Secure*` construct creating an L1). */
const LIBRARY_ROOT = path.resolve(__dirname, '..', '..') + path.sep;

/**
 * Frames in these folders are never the user's code: installed packages (npm, Python), and the JavaScript runtime
 * that jsii embeds in the Python, Java, .NET and Go packages (`jsii/_embedded/...` in Python, extracted to a
 * `jsii-runtime*` or `jsii-java-runtime*` folder by the others), whose `program.js` runs the user's construct calls.
 */
const FOREIGN_CODE = /[\\/](?:node_modules|site-packages|dist-packages|_embedded|jsii[^\\/]*|\.venv|venv)[\\/]/;

/**
 * Finds the user's line of code behind a resource.
 *
 * In TypeScript and JavaScript apps, aws-cdk-lib 2.276 records the creation stack trace of every `CfnElement` (and
 * `Stack`) in the construct metadata `aws:cdk:creationStack` (only the context flag
 * `aws:cdk:disable-creation-stack-traces` turns it off); the first frame outside installed packages and this library
 * is the user's line.
 *
 * Apps written in Python, Java, Go or C# run their constructs through jsii, so those traces show only jsii's runtime.
 * For them (and for any construct without a usable trace) the construct's id is looked up as a string literal in the
 * app's source files: the CDK CLI runs the app in its folder, so the files below the source root are the app's. The
 * nearest id on the construct's path that appears wins (`Orders` for `Stack/Orders/Resource`), and among several
 * places, the one whose file also names the most of its ancestors' ids. The files are indexed once per synthesis,
 * within fixed bounds.
 */
export class SourceLocator {
  /** The first frame of a creation stack trace that is the user's code. */
  public static userFrame(frames: string[]): SourceLocation | undefined {
    for (const frame of frames) {
      // Most frames are aws-cdk-lib's or this library's: a substring test rules them out before the frame is parsed.
      if (FOREIGN_CODE.test(frame) || frame.includes(LIBRARY_ROOT)) continue;
      const location = parseFrame(frame);
      if (location && isUserFile(location.file)) return location;
    }
    return undefined;
  }

  private literals?: LiteralIndex;

  /** @param sourceRoot the folder whose source files the fallback searches */
  constructor(private readonly sourceRoot: string) {}

  /**
   * The user's line that created a construct: from its creation stack trace (or its closest ancestor's), else from
   * its id in the source files.
   *
   * @returns the location, or undefined when neither finds it
   */
  public locate(construct: IConstruct): SourceLocation | undefined {
    return ofTrace(construct) ?? this.ofSourceFiles(construct);
  }

  private ofSourceFiles(construct: IConstruct): SourceLocation | undefined {
    const chain: IConstruct[] = [];
    for (let current: IConstruct | undefined = construct; current?.node.scope; current = current.node.scope) chain.push(current);
    if (chain.length === 0) return undefined;
    const literals = this.literals ??= LiteralIndex.of(this.sourceRoot);
    for (let i = 0; i < chain.length; i++) {
      const id = chain[i].node.id;
      if (GENERATED_IDS.has(id)) continue;
      const places = literals.places(id);
      if (places.length === 0) continue;
      const ancestors = chain.slice(i + 1).map((c) => c.node.id);
      let best = places[0];
      let bestScore = -1;
      for (const place of places) {
        const score = ancestors.filter((a) => literals.fileHas(place.file, a)).length;
        if (score > bestScore) {
          best = place;
          bestScore = score;
        }
      }
      return best;
    }
    return undefined;
  }
}

/** Ids that aws-cdk-lib gives the resources inside its constructs: never the user's literal. */
const GENERATED_IDS = new Set(['Resource', 'Default', '']);

function ofTrace(construct: IConstruct): SourceLocation | undefined {
  for (let current: IConstruct | undefined = construct; current; current = current.node.scope) {
    const frames = current.node.metadata.find((m) => m.type === CREATION_STACK_METADATA)?.data;
    if (!Array.isArray(frames)) continue;
    const location = SourceLocator.userFrame(frames.map(String));
    if (location) return location;
  }
  return undefined;
}

/** `new MyStack (/app/lib/stack.ts:12:5)`, `Object.<anonymous> (/app/bin/app.ts:7:1)` or `/app/bin/app.ts:7:1`. */
function parseFrame(frame: string): SourceLocation | undefined {
  const match = /\(?((?:file:\/\/)?(?:[A-Za-z]:)?[^():]+):(\d+):(\d+)\)?\s*$/.exec(frame.trim());
  if (!match) return undefined;
  const file = match[1].replace(/^file:\/\//, '');
  if (!path.isAbsolute(file)) return undefined;
  return { file, line: Number(match[2]), column: Number(match[3]) };
}

function isUserFile(file: string): boolean {
  return !FOREIGN_CODE.test(file) && !file.startsWith('node:') && !file.startsWith(LIBRARY_ROOT);
}

/** Source files of the languages a CDK app is written in. */
const SOURCE_FILE = /\.(?:py|java|kt|go|cs|fs|ts|js|mjs|cjs)$/;
/** Folders that hold no source of the app: dependencies, virtual environments, build output, cloud assemblies. */
const SKIPPED_FOLDER = /^(?:node_modules|venv|env|target|vendor|obj|build|dist|__pycache__|cdk\.out.*)$/;
/** The index stays cheap on any repository: at most this many files, this large each, this much in all. */
const MAX_FILES = 2_000;
const MAX_FILE_BYTES = 512 * 1024;
const MAX_TOTAL_BYTES = 32 * 1024 * 1024;
/** A string literal in any of those languages: '...', "..." or `...` on one line. */
const STRING_LITERAL = /(["'`])((?:(?!\1)[^\\\r\n]|\\.){1,256})\1/g;

/** Every string literal of the app's source files, with where it is. */
class LiteralIndex {
  public static of(sourceRoot: string): LiteralIndex {
    const index = new LiteralIndex();
    let files = 0;
    let bytes = 0;
    const visit = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // the same answer on every machine
      for (const entry of entries) {
        if (files >= MAX_FILES || bytes >= MAX_TOTAL_BYTES) return;
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (!entry.name.startsWith('.') && !SKIPPED_FOLDER.test(entry.name)) visit(full);
        } else if (entry.isFile() && SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
          let text: string;
          try {
            if (fs.statSync(full).size > MAX_FILE_BYTES) continue;
            text = fs.readFileSync(full, 'utf-8');
          } catch {
            continue;
          }
          files++;
          bytes += text.length;
          index.add(full, text);
        }
      }
    };
    visit(path.resolve(sourceRoot));
    return index;
  }

  private readonly byLiteral = new Map<string, SourceLocation[]>();
  private readonly literalsByFile = new Map<string, Set<string>>();

  /** Where a literal appears, in file order. */
  public places(literal: string): SourceLocation[] {
    return this.byLiteral.get(literal) ?? [];
  }

  public fileHas(file: string, literal: string): boolean {
    return this.literalsByFile.get(file)?.has(literal) ?? false;
  }

  private add(file: string, text: string): void {
    const literals = new Set<string>();
    let line = 1;
    let lineStart = 0;
    let scanned = 0;
    STRING_LITERAL.lastIndex = 0;
    for (let match = STRING_LITERAL.exec(text); match; match = STRING_LITERAL.exec(text)) {
      for (let at = text.indexOf('\n', scanned); at >= 0 && at < match.index; at = text.indexOf('\n', at + 1)) {
        line++;
        lineStart = at + 1;
      }
      scanned = match.index;
      const literal = match[2];
      literals.add(literal);
      const list = this.byLiteral.get(literal) ?? [];
      list.push({ file, line, column: match.index - lineStart + 1 });
      this.byLiteral.set(literal, list);
    }
    this.literalsByFile.set(file, literals);
  }
}
