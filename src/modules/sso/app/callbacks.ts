import { sha256 } from '../../../platform/crypto/index.ts';
import { isAppError } from '../../../shared/errors.ts';
import { provesSegment } from '../domain/binding.ts';
import { FAILED, NOT_ELIGIBLE, type SignInDetail, type SignInProtocol } from '../domain/sign-in.ts';
import { SsoErrors } from '../error-codes.ts';
import type { TakenSignIn } from '../infra/sso-repository.ts';
import { openBinding } from './bindings.ts';
import type { SsoContext } from './deps.ts';

/** How a sign-in ended, as the callback page tells the person. */
export type SignInOutcome = 'success' | typeof NOT_ELIGIBLE | typeof FAILED;

/** Writes why a provider's answer was refused to the operator's log (no personal data). */
export type Warn = (message: string) => void;

/** Takes the sign-in of a callback's state once, or answers 400 `invalidSsoState` (nothing changed). */
async function take(ctx: SsoContext, state: string | undefined, protocol: SignInProtocol) {
  const taken = state ? await ctx.repo.take(sha256(state), protocol, ctx.clock.now()) : null;
  if (!taken) throw SsoErrors.badState();
  return { taken, detail: ctx.box.decryptJson<SignInDetail>(taken.detailEnc) };
}

/** The binding the sign-in began with, or null when it has been deleted since. */
async function bindingOf(ctx: SsoContext, taken: TakenSignIn) {
  if (taken.organizationId === null) return null;
  const stored = await ctx.repo.find(taken.accountId, taken.organizationId);
  return stored ? openBinding(ctx, stored) : null;
}

/** Checks what the provider said, moves the verification, and says how it ended. */
async function conclude(ctx: SsoContext, taken: TakenSignIn, judge: () => Promise<boolean>, warn: Warn): Promise<SignInOutcome> {
  let outcome: SignInOutcome;
  try {
    outcome = (await judge()) ? 'success' : NOT_ELIGIBLE;
  } catch (e) {
    warn(`single sign-on answer refused: ${isAppError(e) ? e.message : e instanceof Error ? `${e.name}: ${e.message}` : 'unknown fault'}`);
    outcome = FAILED;
  }
  await ctx.finish(taken.verificationId, outcome === 'success' ? { ok: true } : { ok: false, reason: outcome });
  return outcome;
}

/**
 * `GET /rest/v2/sso/oidc/callback`: the provider sends the browser back with `code` and `state` (or
 * `error`). The code is exchanged and the ID token checked by openid-client; the binding's claim (in the
 * ID token, or from UserInfo) must hold one of its values.
 */
export async function oidcCallback(ctx: SsoContext, query: Record<string, string | undefined>, callbackUrl: URL, warn: Warn) {
  const { taken, detail } = await take(ctx, query.state, 'oidc');
  const outcome = await conclude(
    ctx,
    taken,
    async () => {
      if (query.error) throw new Error(`the provider answered error '${query.error}'`);
      const opened = await bindingOf(ctx, taken);
      if (opened?.binding.protocol !== 'oidc' || detail.protocol !== 'oidc') throw new Error('the binding changed during the sign-in');
      const b = opened.binding;
      const claims = await ctx.oidc.claims(b, callbackUrl, { state: query.state!, nonce: detail.nonce, codeVerifier: detail.codeVerifier });
      return provesSegment(claims[b.claim], b.values);
    },
    warn,
  );
  return { verificationId: taken.verificationId, outcome };
}

/**
 * `POST /rest/v2/sso/saml/acs`: the identity provider's browser POST (`SAMLResponse`, `RelayState`).
 * The response is checked by the SAML library against the metadata's certificates, Vouch's entity id as
 * audience, its time window and the request of this sign-in; the binding's attribute must hold one of
 * its values.
 */
export async function samlCallback(ctx: SsoContext, body: { SAMLResponse: string; RelayState?: string }, warn: Warn) {
  const { taken, detail } = await take(ctx, body.RelayState, 'saml');
  const outcome = await conclude(
    ctx,
    taken,
    async () => {
      const opened = await bindingOf(ctx, taken);
      if (!opened?.idp || opened.binding.protocol !== 'saml' || detail.protocol !== 'saml')
        throw new Error('the binding changed during the sign-in');
      const attributes = await ctx.saml.attributes(opened.idp, detail.requestId, body.SAMLResponse);
      return provesSegment(attributes[opened.binding.attribute], opened.binding.values);
    },
    warn,
  );
  return { verificationId: taken.verificationId, outcome };
}

/** `GET /rest/v2/sso/test/callback`: a test-mode verification's sign-in without a provider, successful. */
export async function testCallback(ctx: SsoContext, state: string | undefined, warn: Warn) {
  const { taken } = await take(ctx, state, 'test');
  const outcome = await conclude(ctx, taken, async () => true, warn);
  return { verificationId: taken.verificationId, outcome };
}
