-- Console sign-in for people (API tokens are apart). A person is a row of `users`; what lets the person sign
-- in lives beside it. Secrets handed out (session tokens, link tokens, sign-in challenges) are stored only
-- as SHA-256 hex; TOTP secrets and CSRF tokens are encrypted with the field key; passwords are argon2id.

-- One row per user who has any console credential. The pending TOTP secret waits for its first code;
-- totp_last_step is the last time step accepted, so that no code is accepted twice.
create table user_credentials (
  user_id          text primary key references users(id),
  account_id       text not null references accounts(id),
  password_hash    text,
  password_set_at  timestamptz,
  totp_secret_enc  text,
  totp_pending_enc text,
  totp_last_step   bigint,
  last_sign_in_at  timestamptz
);
create index user_credentials_account on user_credentials (account_id);

-- Console sessions: live while not ended, seen within the idle limit and younger than the absolute one.
create table user_sessions (
  id           text primary key,
  account_id   text not null references accounts(id),
  user_id      text not null references users(id),
  token_hash   text not null unique,
  csrf_enc     text not null,
  created_at   timestamptz not null,
  last_seen_at timestamptz not null,
  expires_at   timestamptz not null,
  ended_at     timestamptz,
  ip_hash      text
);
create index user_sessions_user on user_sessions (account_id, user_id);
create index user_sessions_expiry on user_sessions (expires_at);

-- Mailed links: an invitation (7 days) or a password reset (1 hour), each used at most once.
create table user_links (
  id          text primary key,
  account_id  text not null references accounts(id),
  user_id     text not null references users(id),
  kind        text not null check (kind in ('invitation', 'reset')),
  token_hash  text not null unique,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  used_at     timestamptz
);
create index user_links_user on user_links (account_id, user_id);
create index user_links_expiry on user_links (expires_at);

-- Short-lived, single-use challenges: the second step of a password sign-in (bound to its user), a passkey
-- registration (bound to its user) and a passkey sign-in (bound to nobody until a passkey answers). The id
-- is the SHA-256 of what the client holds; `challenge` is the WebAuthn challenge a passkey must sign.
create table user_challenges (
  id          text primary key,
  kind        text not null check (kind in ('second-factor', 'passkey-registration', 'passkey-sign-in')),
  account_id  text references accounts(id),
  user_id     text references users(id),
  challenge   text,
  created_at  timestamptz not null,
  expires_at  timestamptz not null,
  used_at     timestamptz
);
create index user_challenges_expiry on user_challenges (expires_at);

-- WebAuthn credentials (passkeys): the credential id and COSE public key in base64url, the signature counter.
create table user_passkeys (
  id             text primary key,
  account_id     text not null references accounts(id),
  user_id        text not null references users(id),
  credential_id  text not null unique,
  public_key     text not null,
  counter        bigint not null,
  transports     jsonb,
  created_at     timestamptz not null,
  last_used_at   timestamptz
);
create index user_passkeys_user on user_passkeys (account_id, user_id);

-- Failed sign-ins and reset requests, one row each, counted over a sliding window by scope and key (a keyed
-- digest of the email address or of the client address, never the value). Shared by every process.
create table sign_in_failures (
  id     bigint generated always as identity primary key,
  scope  text not null,
  key    text not null,
  at     timestamptz not null
);
create index sign_in_failures_key on sign_in_failures (scope, key, at);
create index sign_in_failures_at on sign_in_failures (at);
