import { isPlainObject, readElements } from './policy-document';
import { StackView } from '../../../core/stack-view';

/** A `Principal` block of a resource or trust policy, by kind of principal. */
export interface PrincipalView {
  /** True for `"*"`, `{"AWS": "*"}` or a list that contains `*`: anyone, in any account, even anonymous. */
  readonly anyone: boolean;
  /** AWS principals (account ids, account roots, role and user ARNs) as literal or rendered strings. */
  readonly aws: string[];
  /** Service principals (`sns.amazonaws.com`). */
  readonly services: string[];
  /** Federated identity providers (`cognito-identity.amazonaws.com`, an OIDC provider ARN). */
  readonly federated: string[];
  /** What is not known about the principal (a parameter, an import), when something is not. */
  readonly unknownReason?: string;
}

/** Reads a `Principal` block as deployed. */
export function readPrincipal(principal: any, stack: StackView): PrincipalView {
  if (principal === undefined || principal === null) return { anyone: false, aws: [], services: [], federated: [] };
  if (!isPlainObject(principal)) {
    const [element] = readElements(principal, stack);
    if (element?.text === '*') return { anyone: true, aws: [], services: [], federated: [] };
    return {
      anyone: false,
      aws: element?.text !== undefined ? [element.text] : [],
      services: [],
      federated: [],
      unknownReason: element?.unknownReason,
    };
  }
  const unknown: string[] = [];
  const read = (key: string): string[] => {
    const texts: string[] = [];
    for (const element of readElements(principal[key], stack)) {
      if (element.text !== undefined) texts.push(element.text.trim());
      else if (element.unknownReason) unknown.push(element.unknownReason);
    }
    return texts;
  };
  const aws = [...read('AWS'), ...read('CanonicalUser')];
  return {
    anyone: aws.includes('*'),
    aws: aws.filter((a) => a !== '*'),
    services: read('Service'),
    federated: read('Federated'),
    unknownReason: unknown.length > 0 ? unknown.join(', ') : undefined,
  };
}
