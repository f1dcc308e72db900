import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditedStack } from './audit-engine';
import { ConstructIndex } from './construct-index';
import { AuditDate } from '../core/audit-date';
import { StackView } from '../core/stack-view';
import { TemplateLines } from './private/template-lines';

/**
 * How the hosts obtain deployed views. The plugin reads the synthesized templates; the Aspect and the direct entry
 * render each stack's template from the construct tree. Everything after this point is shared.
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
    const result: AuditedStack[] = [];
    const audited = new Set<Stack>();
    for (const templatePath of templatePaths) {
      const stack = byPath.get(path.resolve(templatePath)) ?? byBasename.get(path.basename(templatePath)) ?? undefined;
      result.push(fromTemplateFile(templatePath, stack));
      if (stack) audited.add(stack);
    }
    for (const nested of stacks.filter((s) => s.nested && audited.has(rootStackOf(s)))) {
      const file = templateFileOf(nested);
      if (file && fs.existsSync(file)) result.push(fromTemplateFile(file, nested));
    }
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
    return stacks.map(StackViews.fromStack);
  }

  /** The view of one stack rendered from the construct tree. */
  public static fromStack(stack: Stack): AuditedStack {
    const template = stack.resolve((stack as any)._toCloudFormation());
    const constructs = ConstructIndex.ofStack(stack, Object.keys(template.Resources ?? {}));
    return {
      view: new StackView(stack.node.path, template, {
        constructPaths: constructs.constructPaths(), account: literalAccountOf(stack), today: AuditDate.today(stack),
      }),
      constructs,
    };
  }
}

function fromTemplateFile(templatePath: string, stack: Stack | undefined): AuditedStack {
  const text = fs.readFileSync(templatePath, 'utf-8');
  const template = JSON.parse(text);
  const constructs = stack ? ConstructIndex.ofStack(stack, Object.keys(template.Resources ?? {})) : undefined;
  const stackPath = stack?.node.path ?? path.basename(templatePath).replace(/\.template\.json$/, '');
  const view = new StackView(stackPath, template, {
    constructPaths: constructs?.constructPaths(),
    templatePath,
    account: stack ? literalAccountOf(stack) : undefined,
    today: stack ? AuditDate.today(stack) : undefined,
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
