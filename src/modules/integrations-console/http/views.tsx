import { RoleBoxes as PlatformRoleBoxes } from '../../../platform/html/role-boxes.tsx';
import type { ComponentChildren } from 'preact';

/** Pieces the integrations pages share: their sub-navigation, role boxes, a secret shown once. */

const PAGES = [
  { key: 'overview', label: 'Overview', href: '/console/integrations' },
  { key: 'tokens', label: 'API tokens', href: '/console/integrations/tokens' },
  { key: 'clients', label: 'OAuth clients', href: '/console/integrations/oauth-clients' },
  { key: 'webhooks', label: 'Webhooks', href: '/console/integrations/webhooks' },
] as const;
export type IntegrationsPage = (typeof PAGES)[number]['key'];

export const SubNav = ({ current }: { current: IntegrationsPage }) => (
  <nav aria-label="Integrations" class="actions">
    {PAGES.map((p) => (
      // The page one is on is the filled button (the stylesheet marks `aria-current` in the top navigation only).
      <a
        key={p.key}
        href={p.href}
        class={p.key === current ? 'button' : 'button secondary'}
        aria-current={p.key === current ? 'page' : undefined}
      >
        {p.label}
      </a>
    ))}
  </nav>
);

/** The role checkboxes, ticked as the form was last posted. */
export const RoleBoxes = ({ prefix, form }: { prefix: string; form: Record<string, string> }) => (
  <PlatformRoleBoxes prefix={prefix} checked={(r) => Boolean(form[`role.${r}`])} />
);

/** A secret on the one page that shows it: said plainly that it will not be shown again. */
export const SecretOnce = ({ label, secret, children }: { label: string; secret: string; children?: ComponentChildren }) => (
  <section class="card" aria-labelledby="secret-label">
    <h2 id="secret-label">{label}</h2>
    <p class="notice" role="status">
      Copy it now and keep it somewhere safe: it is shown on this page only, and never again. Only a digest of it is kept.
    </p>
    <p>
      <code id="secret" class="mono">
        {secret}
      </code>
    </p>
    {children}
  </section>
);
