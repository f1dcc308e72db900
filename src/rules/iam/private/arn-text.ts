/**
 * ARNs as rendered by `StackView.resolve`: `arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x`. The placeholders
 * contain `::`, so they are rewritten to `${AWS.Partition}` before an ARN is split on its colons.
 */
export class ArnText {
  /** The colon-separated fields of an ARN, placeholders kept whole (resource parts with colons are split too). */
  public static split(text: string): string[] {
    return text.replace(/\$\{([^}]*)\}/g, (_m, name: string) => `\${${name.replace(/::/g, '.')}}`).split(':');
  }
}
