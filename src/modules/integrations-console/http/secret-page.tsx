import type { ComponentChildren } from 'preact';
import { SecretOnce, SubNav, type IntegrationsPage } from './views.tsx';

/** The answer to creating a credential: its secret, shown this once, and the way back to the list. */
export const SecretPage = ({
  title,
  current,
  label,
  secret,
  back,
  children,
}: {
  title: string;
  current: IntegrationsPage;
  label: string;
  secret: string;
  back: { href: string; label: string };
  children?: ComponentChildren;
}) => (
  <>
    <h1>{title}</h1>
    <SubNav current={current} />
    <SecretOnce label={label} secret={secret}>
      {children}
    </SecretOnce>
    <p>
      <a href={back.href}>{back.label}</a>
    </p>
  </>
);
