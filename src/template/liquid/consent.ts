import { TypeGuards, type Token } from 'liquidjs';

/**
 * The purpose a path checks the recipient's consent for: `consent.marketing` or
 * `consent["marketing"]` (`consent` is the recipient's consent as creeplint renders it:
 * purpose → true when granted and not expired). Undefined for any other path. Whether the
 * template has a variable of its own named `consent` is the caller's to know.
 */
export function consentPurposeOf(token: Token): string | undefined {
  if (!TypeGuards.isPropertyAccessToken(token)) return undefined;
  const access = token as unknown as { variable?: Token; props: Token[] };
  const [head, purpose, ...more] = access.props;
  if (access.variable || !head || !purpose || more.length > 0 || head.getText() !== 'consent') return undefined;
  if (TypeGuards.isWordToken(purpose)) return purpose.getText();
  return TypeGuards.isQuotedToken(purpose) ? (purpose as unknown as { content: string }).content : undefined;
}
