import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditedStack } from './audit-engine';
import { ConstructIndex } from './construct-index';
import { AcknowledgementIndex } from '../acknowledgements/private/acknowledgement-index';
import { AuditDate } from '../core/audit-date';
import { StackView } from '../core/stack-view';
import { contentsOfStack, StackContents, stacksIn } from './private/stack-contents';
import { renderedTemplateOf } from './private/stack-template';
import { TemplateLines } from './private/template-lines';

/**
 * How the hosts obtain deployed views. The plugin reads the synthesized templates; the Aspect and the direct entry
 * render each stack's template from the construct tree. Everything after this point is shared.
 *
 * The views of one call share one acknowledgement index (read through each view's `ConstructIndex`), so the audit
 * reads every acknowledgement once and the reports review the same ones the engine applied.
 */
export class StackViews {
  /**
   * Views of synthesized templates, each mapped back to its stack in the construct tree (when the tree is given)
   * so acknowledgements and framework resources are known. Nested stacks of the given stacks are included: their
   * templates are assets of the parent, not separate inputs.
   */
  public static fromTemplates(templatePaths: string[], root: IConstruct | undefined): AuditedStack[] {
    const stacks = root ? stacksIn(root) : [];
    const byPath = new Map<string, StackContents>();
    const byBasename = new Map<string, StackContents | null>();
    for (const contents of stacks) {
      const file = templateFileOf(contents.stack);
      if (file) byPath.set(file, contents);
      // A basename shared by stacks of different stages is ambiguous: null marks it unusable.
      const basename = contents.stack.templateFile;
      byBasename.set(basename, byBasename.has(basename) ? null : contents);
    }
    // The audit's one day (context `cdk-secure-serverless:today`); without a tree, the view's default (today, UTC).
    const today = root ? AuditDate.today(root) : undefined;
    const result: AuditedStack[] = [];
    const audited = new Set<Stack>();
    for (const templatePath of templatePaths) {
      const contents = byPath.get(path.resolve(templatePath)) ?? byBasename.get(path.basename(templatePath)) ?? undefined;
      result.push(fromTemplateFile(templatePath, contents, today));
      if (contents) audited.add(contents.stack);
    }
    for (const nested of stacks.filter((c) => c.stack.nested && audited.has(rootStackOf(c.stack)))) {
      const file = templateFileOf(nested.stack);
      if (file && fs.existsSync(file)) result.push(fromTemplateFile(file, nested, today));
    }
    if (today !== undefined) shareAcknowledgements(result, new AcknowledgementIndex(today));
    return result;
  }

  /**
   * Views of every stack in (or containing) the scope, rendered from the construct tree as the stack would
   * synthesize: tokens resolved, raw overrides applied. References to other stacks stay as `Ref`s to resources the
   * view does not hold, so rules see them as unknown, just as they see `Fn::ImportValue` in a synthesized template.
   */
  public static fromConstructTree(scope: IConstruct): AuditedStack[] {
    const stacks = stacksIn(scope);
    if (stacks.length === 0) stacks.push(contentsOfStack(Stack.of(scope)));
    const index = new AcknowledgementIndex(AuditDate.today(scope));
    return stacks.map((contents) => renderedView(contents, index));
  }

  /** The view of one stack rendered from the construct tree. */
  public static fromStack(stack: Stack): AuditedStack {
    return StackViews._fromStack(stack, new AcknowledgementIndex(AuditDate.today(stack)));
  }

  /**
   * The view of one stack rendered from the construct tree, reading its acknowledgements into an index shared with
   * the other stacks of the audit (the Aspect host audits stack by stack).
   *
   * @internal
   */
  public static _fromStack(stack: Stack, acknowledgements: AcknowledgementIndex): AuditedStack {
    return renderedView(contentsOfStack(stack), acknowledgements);
  }
}

/** The view of a stack rendered from the construct tree (see `renderedTemplateOf`). */
function renderedView(contents: StackContents, acknowledgements: AcknowledgementIndex): AuditedStack {
  const stack = contents.stack;
  const template = renderedTemplateOf(stack);
  const constructs = ConstructIndex._ofTemplate(contents, template);
  constructs._useAcknowledgements(acknowledgements);
  return {
    view: new StackView(stack.node.path, template, {
      constructPaths: constructs.constructPaths(), account: literalAccountOf(stack), today: acknowledgements.today,
    }),
    constructs,
  };
}

/** The stacks of one audit read their acknowledgements from one index. */
function shareAcknowledgements(stacks: AuditedStack[], index: AcknowledgementIndex): void {
  for (const stack of stacks) stack.constructs?._useAcknowledgements(index);
}

function fromTemplateFile(templatePath: string, contents: StackContents | undefined, today: string | undefined): AuditedStack {
  const text = fs.readFileSync(templatePath, 'utf-8');
  const template = JSON.parse(text);
  const stack = contents?.stack;
  const constructs = contents ? ConstructIndex._ofTemplate(contents, template) : undefined;
  const stackPath = stack?.node.path ?? path.basename(templatePath).replace(/\.template\.json$/, '');
  const view = new StackView(stackPath, template, {
    constructPaths: constructs?.constructPaths(),
    templatePath,
    account: stack ? literalAccountOf(stack) : undefined,
    today,
  });
  view._resourceLines = TemplateLines.index(text); // the reports' line numbers, from the text already read
  return { view, constructs };
}

/** The account of a stack with an explicit `env`; undefined for an environment-agnostic stack (a token). */
function literalAccountOf(stack: Stack): string | undefined {
  return Token.isUnresolved(stack.account) ? undefined : stack.account;
}

/** The absolute path the stack's template is synthesized to. */
function templateFileOf(stack: Stack): string | undefined {
  const stage = Stage.of(stack);
  return stage ? path.resolve(stage.outdir, stack.templateFile) : undefined;
}

function rootStackOf(stack: Stack): Stack {
  let current = stack;
  while (current.nestedStackParent) current = current.nestedStackParent;
  return current;
}
