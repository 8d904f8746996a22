/**
 * What a console password must be. Length is the rule that matters (NIST SP 800-63B): at least 12
 * characters, at most 256 so that hashing stays bounded. No rules on character classes: they make
 * passwords harder to remember, not harder to guess. Passwords are compared in Unicode NFC, so the same
 * password typed on two systems that compose accents differently is the same password.
 */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/** A password in the form it is hashed and checked in. */
export const normalisePassword = (password: string): string => password.normalize('NFC');

/** Why a new password is refused, in words for the person choosing it; null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = [...normalisePassword(password)].length;
  if (length < PASSWORD_MIN) return `The password must have at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `The password must have at most ${PASSWORD_MAX} characters`;
  if (password.trim().length === 0) return 'The password must not be only spaces';
  return null;
}
