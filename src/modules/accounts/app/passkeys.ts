import {
  type AuthenticationResponseJSON,
  type AuthenticatorTransportFuture,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import { sha256 } from '../../../platform/crypto/index.ts';
import { CommonErrors } from '../../../shared/errors.ts';
import { AccountErrors } from '../error-codes.ts';
import type { AccountsDeps } from './deps.ts';
import { auditPersonFailure, userSubject } from './people-audit.ts';
import { type IssuedSession, startSession } from './sessions.ts';
import { maySignIn } from './sign-in.ts';
import { countAttempt, signInKeys, throttleWait } from './sign-in-throttle.ts';

/** How long the browser has to answer a passkey challenge. */
const PASSKEY_TTL_MS = 5 * 60_000;

/** The relying party: the host name of the public URL, and its origin (what browsers put in clientDataJSON). */
function relyingParty(deps: Pick<AccountsDeps, 'publicUrl'>) {
  const url = new URL(deps.publicUrl);
  return { rpID: url.hostname, origin: url.origin };
}

/** The challenge a WebAuthn answer signed, read from its clientDataJSON; undefined when unreadable. */
function signedChallenge(response: { response?: { clientDataJSON?: unknown } }): string | undefined {
  try {
    const data = JSON.parse(Buffer.from(String(response.response?.clientDataJSON), 'base64url').toString('utf8'));
    return typeof data?.challenge === 'string' ? data.challenge : undefined;
  } catch {
    return undefined;
  }
}

/** A browser's answer in the shape WebAuthn sends it, else an invalidRequest (it is checked further when verified). */
function credentialJson<T>(value: unknown): T {
  const v = value as { id?: unknown; rawId?: unknown; type?: unknown; response?: unknown } | null;
  if (!v || typeof v !== 'object' || typeof v.id !== 'string' || v.type !== 'public-key' || !v.response || typeof v.response !== 'object') {
    throw CommonErrors.invalidRequest('response: not a WebAuthn public-key credential');
  }
  return { clientExtensionResults: {}, rawId: v.id, ...v } as T;
}

/** Options for `navigator.credentials.create()`: a passkey held by the authenticator, with user verification. */
export async function passkeyRegistrationOptions(deps: AccountsDeps, input: { accountId: string; userId: string }) {
  const person = await deps.people.findPerson(input.accountId, input.userId);
  if (!person) throw AccountErrors.userNotFound(input.userId);
  const existing = await deps.people.listPasskeys(input.accountId, input.userId);
  const now = deps.clock.now();
  const options = await generateRegistrationOptions({
    rpName: 'Vouch',
    rpID: relyingParty(deps).rpID,
    userName: deps.box.decrypt(person.email_enc),
    // The user handle: the user's id, which says nothing about the person.
    userID: new TextEncoder().encode(person.id),
    timeout: PASSKEY_TTL_MS,
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({
      id: p.credential_id,
      transports: (p.transports ?? undefined) as AuthenticatorTransportFuture[] | undefined,
    })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  await deps.people.insertChallenge({
    id: sha256(options.challenge),
    kind: 'passkey-registration',
    account_id: input.accountId,
    user_id: input.userId,
    challenge: null,
    created_at: now,
    expires_at: new Date(now.getTime() + PASSKEY_TTL_MS),
  });
  return options;
}

/** Verifies the browser's answer to the registration options and stores the passkey. */
export async function verifyPasskeyRegistration(
  deps: AccountsDeps,
  input: { accountId: string; userId: string; response: unknown },
): Promise<{ passkeyId: string }> {
  const response = credentialJson<RegistrationResponseJSON>(input.response);
  const now = deps.clock.now();
  const challengeId = sha256(signedChallenge(response) ?? '');
  const challenge = await deps.people.findLiveChallenge('passkey-registration', challengeId, now);
  if (!challenge || challenge.account_id !== input.accountId || challenge.user_id !== input.userId) {
    throw AccountErrors.passkeyRejected('the challenge is unknown, used or expired; start again');
  }
  const rp = relyingParty(deps);
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: (c) => sha256(c) === challengeId,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
  } catch (e) {
    throw AccountErrors.passkeyRejected((e as Error).message);
  }
  if (!verified.verified) throw AccountErrors.passkeyRejected('the answer does not verify');
  if (!(await deps.people.useChallenge(challengeId, now))) {
    throw AccountErrors.passkeyRejected('the challenge is unknown, used or expired; start again');
  }
  const { credential } = verified.registrationInfo;
  const passkeyId = deps.ids.hex24();
  const added = await deps.people.insertPasskey({
    id: passkeyId,
    account_id: input.accountId,
    user_id: input.userId,
    credential_id: credential.id,
    public_key: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? null,
    created_at: now,
  });
  if (!added) throw AccountErrors.passkeyExists();
  await deps.audit({
    accountId: input.accountId,
    action: 'user.passkey-added',
    actor: { type: 'user', id: input.userId },
    subject: userSubject(input.userId),
    outcome: 200,
    ip: null,
  });
  return { passkeyId };
}

/**
 * Options for `navigator.credentials.get()` without naming a user: the browser offers the passkeys it has
 * for this site. `challengeId` (random, stored as its SHA-256) comes back with the answer.
 */
export async function passkeySignInOptions(deps: AccountsDeps) {
  const now = deps.clock.now();
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).rpID,
    userVerification: 'required',
    timeout: PASSKEY_TTL_MS,
  });
  const challengeId = deps.ids.secret('vcp');
  await deps.people.insertChallenge({
    id: sha256(challengeId),
    kind: 'passkey-sign-in',
    account_id: null,
    user_id: null,
    challenge: options.challenge,
    created_at: now,
    expires_at: new Date(now.getTime() + PASSKEY_TTL_MS),
  });
  return { challengeId, options };
}

/**
 * A sign-in with a passkey: the answer must sign the challenge of `challengeId` (used once, whatever the
 * outcome), with a passkey registered here, verified by the authenticator (PIN, biometrics). Failures
 * count against the client address; the answer is always `signInFailed`.
 */
export async function signInWithPasskey(
  deps: AccountsDeps,
  input: { challengeId: string; response: unknown; ip: string | null },
): Promise<IssuedSession> {
  const response = credentialJson<AuthenticationResponseJSON>(input.response);
  const now = deps.clock.now();
  const addressKeys = signInKeys(deps, null, input.ip);
  const wait = await throttleWait(deps, addressKeys, now);
  if (wait !== null) throw AccountErrors.signInThrottled(wait);
  const fail = async () => {
    await countAttempt(deps, addressKeys, now);
    return AccountErrors.signInFailed();
  };
  const challengeId = input.challengeId.length < 200 ? sha256(input.challengeId) : '';
  const challenge = await deps.people.findLiveChallenge('passkey-sign-in', challengeId, now);
  if (!challenge?.challenge || !(await deps.people.useChallenge(challengeId, now))) throw await fail();
  const passkey = await deps.people.findPasskey(response.id);
  const person = passkey ? await deps.people.findPerson(passkey.account_id, passkey.user_id) : undefined;
  if (!passkey || !person) throw await fail();
  // The user handle, when the authenticator sends it, must be the one the passkey was registered with.
  const handle = response.response.userHandle;
  if (handle && Buffer.from(handle, 'base64url').toString('utf8') !== passkey.user_id) throw await fail();
  const rp = relyingParty(deps);
  let newCounter: number;
  try {
    const verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge.challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      credential: {
        id: passkey.credential_id,
        publicKey: Buffer.from(passkey.public_key, 'base64url'),
        counter: Number(passkey.counter),
        transports: (passkey.transports ?? undefined) as AuthenticatorTransportFuture[] | undefined,
      },
      requireUserVerification: true,
    });
    if (!verified.verified) throw new Error('not verified');
    newCounter = verified.authenticationInfo.newCounter;
  } catch {
    throw await fail();
  }
  if (!maySignIn(person)) {
    await countAttempt(deps, addressKeys, now);
    await auditPersonFailure(deps, person, input.ip);
    throw AccountErrors.signInFailed();
  }
  await deps.people.updatePasskeyCounter(passkey.account_id, passkey.id, newCounter, now);
  return startSession(deps, { accountId: person.account_id, userId: person.id, emailHash: person.email_hash }, input.ip);
}
