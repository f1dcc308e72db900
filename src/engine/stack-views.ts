import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditedStack } from './audit-engine';
import { ConstructIndex } from './construct-index';
import { AcknowledgementIndex } from '../acknowledgements/private/acknowledgement-index';
import { AuditDate } from '../core/audit-date';
import { StackView } from '../core/stack-view';
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
    const stacks = root ? allStacks(root) : [];
    const byPath = new Map<string, Stack>();
    const byBasename = new Map<string, Stack | null>();
    for (const stack of stacks) {
      const file = templateFileOf(stack);
      if (file) byPath.set(file, stack);
      // A basename shared by stacks of different stages is ambiguous: null marks it unusable.
      byBasename.set(stack.templateFile, byBasename.has(stack.templateFile) ? null : stack);
    }
    // The audit's one day (context `cdk-secure-serverless:today`); without a tree, the view's default (today, UTC).
    const today = root ? AuditDate.today(root) : undefined;
    const result: AuditedStack[] = [];
    const audited = new Set<Stack>();
    for (const templatePath of templatePaths) {
      const stack = byPath.get(path.resolve(templatePath)) ?? byBasename.get(path.basename(templatePath)) ?? undefined;
      result.push(fromTemplateFile(templatePath, stack, today));
      if (stack) audited.add(stack);
    }
    for (const nested of stacks.filter((s) => s.nested && audited.has(rootStackOf(s)))) {
      const file = templateFileOf(nested);
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
    const stacks = allStacks(scope);
    if (stacks.length === 0) stacks.push(Stack.of(scope));
    const index = new AcknowledgementIndex(AuditDate.today(scope));
    return stacks.map((stack) => StackViews._fromStack(stack, index));
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
    const template = stack.resolve((stack as any)._toCloudFormation());
    const constructs = ConstructIndex.ofStack(stack, templateLogicalIds(template));
    constructs._useAcknowledgements(acknowledgements);
    return {
      view: new StackView(stack.node.path, template, {
        constructPaths: constructs.constructPaths(), account: literalAccountOf(stack), today: acknowledgements.today,
      }),
      constructs,
    };
  }
}

/** The logical ids a template defines: its resources and its outputs (findings are reported on both). */
function templateLogicalIds(template: { [key: string]: any }): string[] {
  return [...Object.keys(template.Resources ?? {}), ...Object.keys(template.Outputs ?? {})];
}

/** The stacks of one audit read their acknowledgements from one index. */
function shareAcknowledgements(stacks: AuditedStack[], index: AcknowledgementIndex): void {
  for (const stack of stacks) stack.constructs?._useAcknowledgements(index);
}

function fromTemplateFile(templatePath: string, stack: Stack | undefined, today: string | undefined): AuditedStack {
  const text = fs.readFileSync(templatePath, 'utf-8');
  const template = JSON.parse(text);
  const constructs = stack ? ConstructIndex.ofStack(stack, templateLogicalIds(template)) : undefined;
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

/** Every stack in the subtree, nested stacks and stacks of nested stages included, in tree order. */
function allStacks(root: IConstruct): Stack[] {
  return root.node.findAll().filter((c): c is Stack => Stack.isStack(c));
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
