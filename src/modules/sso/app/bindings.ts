import { BindingInput, type Binding, type OidcBinding, type SamlBinding, type SamlIdp } from '../domain/binding.ts';
import { SsoErrors } from '../error-codes.ts';
import type { StoredBinding } from '../infra/sso-repository.ts';
import { fingerprint, readIdpMetadata } from '../infra/saml-metadata.ts';
import type { SsoContext } from './deps.ts';

/** A binding as the management API shows it: never the client secret. */
export type PresentedBinding = ReturnType<typeof presentBinding>;

/**
 * Binds an organization of the account (its own or the directory's) to a provider, replacing its previous
 * binding. The body is checked (`BindingInput`; SAML metadata read for its entity id, sign-in URL and
 * certificates) before anything is stored; the client secret is stored encrypted.
 */
export async function setBinding(ctx: SsoContext, accountId: string, organizationId: number, body: unknown) {
  const parsed = BindingInput.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: `/${i.path.join('/')}`, message: i.message }));
    const first = parsed.error.issues[0];
    throw SsoErrors.badBinding(`Invalid binding: ${first.path.length ? `${first.path.join('.')}: ` : ''}${first.message}`, issues);
  }
  const input = parsed.data;
  let settings: Record<string, unknown>;
  let clientSecretEnc: string | null = null;
  if (input.protocol === 'oidc') {
    const { clientSecret, protocol: _, ...rest } = input;
    settings = rest;
    clientSecretEnc = ctx.box.encrypt(clientSecret);
  } else {
    let idp: SamlIdp;
    try {
      idp = readIdpMetadata(input.metadataXml);
    } catch (e) {
      throw SsoErrors.badBinding(`Invalid binding: metadataXml: ${(e as Error).message}`, [
        { path: '/metadataXml', message: (e as Error).message },
      ]);
    }
    settings = { metadataXml: input.metadataXml, attribute: input.attribute, values: input.values, idp };
  }
  const organization = await ctx.organization(accountId, organizationId);
  if (!organization) throw SsoErrors.noOrganization(organizationId);
  const { created, binding } = await ctx.repo.put({
    accountId,
    organizationId,
    protocol: input.protocol,
    settings,
    clientSecretEnc,
    updated: ctx.clock.now(),
  });
  return { created, binding: presentBinding(binding, organization.name) };
}

export async function listBindings(ctx: SsoContext, accountId: string) {
  const all = await ctx.repo.list(accountId);
  return Promise.all(all.map(async (b) => presentBinding(b, (await ctx.organization(accountId, b.organizationId))?.name ?? null)));
}

export async function readBinding(ctx: SsoContext, accountId: string, organizationId: number) {
  const b = await ctx.repo.find(accountId, organizationId);
  if (!b) throw SsoErrors.noBinding(organizationId);
  return presentBinding(b, (await ctx.organization(accountId, organizationId))?.name ?? null);
}

export async function deleteBinding(ctx: SsoContext, accountId: string, organizationId: number): Promise<void> {
  if (!(await ctx.repo.remove(accountId, organizationId))) throw SsoErrors.noBinding(organizationId);
}

/** The binding with its secret, for a sign-in. */
export function openBinding(ctx: SsoContext, b: StoredBinding): { binding: Binding; idp?: SamlIdp } {
  const s = b.settings;
  if (b.protocol === 'oidc') {
    const binding: OidcBinding = {
      protocol: 'oidc',
      issuer: s.issuer as string,
      clientId: s.clientId as string,
      clientSecret: ctx.box.decrypt(b.clientSecretEnc ?? ''),
      scopes: (s.scopes as string[]) ?? [],
      claim: s.claim as string,
      values: s.values as string[],
    };
    return { binding };
  }
  const binding: SamlBinding = {
    protocol: 'saml',
    metadataXml: s.metadataXml as string,
    attribute: s.attribute as string,
    values: s.values as string[],
  };
  return { binding, idp: s.idp as SamlIdp };
}

export function presentBinding(b: StoredBinding, organizationName: string | null) {
  const s = b.settings;
  const common = { organizationId: b.organizationId, organizationName };
  const times = { created: b.created.toISOString(), updated: b.updated.toISOString() };
  if (b.protocol === 'oidc')
    return {
      ...common,
      protocol: 'oidc' as const,
      issuer: s.issuer as string,
      clientId: s.clientId as string,
      clientSecretSet: b.clientSecretEnc !== null,
      scopes: (s.scopes as string[]) ?? [],
      claim: s.claim as string,
      values: s.values as string[],
      ...times,
    };
  const idp = s.idp as SamlIdp;
  return {
    ...common,
    protocol: 'saml' as const,
    idpEntityId: idp.entityId,
    idpSignInUrl: idp.signInUrl,
    idpCertificates: idp.certificates.map(fingerprint),
    attribute: s.attribute as string,
    values: s.values as string[],
    ...times,
  };
}
