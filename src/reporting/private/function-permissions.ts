import { StackView } from '../../core/stack-view';
import { EffectiveFunctionPermissions, EffectivePermissions } from '../../iam/effective-permissions';

/** The effective permissions of the functions of one stack, for the reports' permissions section. */
export interface StackFunctionPermissions {
  /** Construct path of the stack. */
  readonly stackPath: string;
  /** What each function of the stack can do, in template order. */
  readonly functions: EffectiveFunctionPermissions[];
  /**
   * Why the permissions of this stack could not be computed.
   *
   * @default - they were computed
   */
  readonly unavailableReason?: string;
}

/**
 * Collects, for the reports, what each function can do according to the least-privilege analysis
 * (`EffectivePermissions`): services, access levels and resources, so a reviewer sees at a glance what each function
 * may touch. The section is informative: an analysis failure is recorded in it, never fails the synthesis.
 */
export class FunctionPermissionsSection {
  /** The effective permissions of the functions of each stack. */
  public static of(views: StackView[]): StackFunctionPermissions[] {
    return views.map((view) => {
      try {
        return { stackPath: view.stackPath, functions: EffectivePermissions.ofFunctions(view) };
      } catch (error) {
        return {
          stackPath: view.stackPath,
          functions: [],
          unavailableReason: `the permission analysis failed: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    });
  }
}
