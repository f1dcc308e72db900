import { CfnElement, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ACCOUNTABILITY_METADATA_KEY } from '../../acknowledgements/private/names';

/** A `CfnElement` of a stack's template, with its construct path. */
export interface StackElement {
  readonly element: CfnElement;
  readonly path: string;
}

/** What one walk over the construct tree finds in one stack (its nested stacks and stages have their own). */
export interface StackContents {
  readonly stack: Stack;
  /** The stack's elements, in tree order: the order aws-cdk-lib writes them into the template. */
  readonly elements: StackElement[];
  /** Constructs of the stack's subtree (the stack itself excluded) that record acknowledgements. */
  readonly carriers: IConstruct[];
}

/**
 * Finds the stacks of a construct tree (nested stacks and the stacks of nested stages included, in tree order) and
 * what each holds, in ONE walk: every construct is visited once, whatever the number of stacks. Paths are built on
 * the way down (`node.path` would collect every ancestor again for each construct).
 */
export function stacksIn(root: IConstruct): StackContents[] {
  const found: StackContents[] = [];
  const start = Stack.isStack(root) ? contentsOf(root, found) : undefined;
  visit(root, root.node.path, start, found);
  return found;
}

/** What one stack holds (its nested stacks and stages excluded). */
export function contentsOfStack(stack: Stack): StackContents {
  const contents = contentsOf(stack, []);
  visit(stack, stack.node.path, contents, undefined);
  return contents;
}

function contentsOf(stack: Stack, found: StackContents[]): StackContents {
  const contents: StackContents = { stack, elements: [], carriers: [] };
  found.push(contents);
  return contents;
}

/**
 * @param current the stack whose template the construct's children belong to, if any
 * @param found where stacks met on the way are added; undefined to stop at them (one stack's contents)
 */
function visit(construct: IConstruct, path: string, current: StackContents | undefined, found: StackContents[] | undefined): void {
  for (const child of construct.node.children) {
    const childPath = childPathOf(path, child.node.id);
    if (Stack.isStack(child)) {
      if (found) visit(child, childPath, contentsOf(child, found), found);
      continue;
    }
    if (Stage.isStage(child)) {
      if (found) visit(child, childPath, undefined, found);
      continue;
    }
    if (current) {
      if (CfnElement.isCfnElement(child)) current.elements.push({ element: child, path: childPath });
      if (carriesAcknowledgements(child)) current.carriers.push(child);
    }
    visit(child, childPath, current, found);
  }
}

/** True when the construct itself records an acknowledgement (most constructs have no metadata at all). */
function carriesAcknowledgements(construct: IConstruct): boolean {
  const metadata = construct.node.metadata;
  return metadata.length > 0
    && metadata.some((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY || m.type === ACCOUNTABILITY_METADATA_KEY);
}

/** A child's construct path from its parent's, as `node.path` joins them: the root's empty id is left out. */
function childPathOf(parentPath: string, id: string): string {
  if (id === '') return parentPath;
  return parentPath === '' ? id : `${parentPath}/${id}`;
}
