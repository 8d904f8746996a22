/** How long a begun sign-in may come back: the person has this long at the provider. */
export const SIGN_IN_TTL_MS = 10 * 60 * 1000;

/** Sign-ins, used or not, are forgotten this long after they expired. */
export const SIGN_IN_KEPT_MS = 24 * 60 * 60 * 1000;

export type SignInProtocol = 'oidc' | 'saml' | 'test';

/** What a sign-in's answer is checked against, kept encrypted with it. */
export type SignInDetail =
  | { protocol: 'oidc'; nonce: string; codeVerifier: string }
  | { protocol: 'saml'; requestId: string }
  | { protocol: 'test' };

/** Why a sign-in did not prove the segment, as the verification's errorIds say it. */
export const NOT_ELIGIBLE = 'ssoNotEligible';
export const FAILED = 'ssoFailed';
