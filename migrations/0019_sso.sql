-- Single sign-on at a person's organization. An account binds one of its organizations (or one of the
-- directory's) to an OpenID Connect provider or a SAML 2.0 identity provider, with the rule that proves the
-- segment (a claim or attribute holding one of the listed values). `settings` holds what is not secret;
-- the OpenID Connect client secret is kept encrypted.
create table sso_bindings (
  account_id text not null,
  organization_id bigint not null,
  protocol text not null,
  settings jsonb not null,
  client_secret_enc text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (account_id, organization_id)
);

-- One sign-in begun for a verification: the state sent to the provider is kept only as its SHA-256, and
-- may be used once before it expires. `detail_enc` holds, encrypted, what the answer is checked against
-- (the OpenID Connect nonce and PKCE verifier, the SAML request's ID).
create table sso_sign_ins (
  state_hash text primary key,
  verification_id text not null,
  account_id text not null,
  organization_id bigint,
  protocol text not null,
  detail_enc text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index sso_sign_ins_expiry on sso_sign_ins (expires_at);
