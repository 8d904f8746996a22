/** What the account pages share: their own short navigation. */
export const AccountNav = ({ here }: { here: 'settings' | 'audit' }) => (
  <nav aria-label="Account pages" class="pager">
    {here === 'settings' ? <strong aria-current="page">Settings</strong> : <a href="/console/account">Settings</a>}
    {here === 'audit' ? <strong aria-current="page">Audit log</strong> : <a href="/console/account/audit">Audit log</a>}
  </nav>
);

export const FormError = ({ message }: { message: string | null }) =>
  message ? (
    <div class="notice bad" role="alert">
      <p class="error">{message}</p>
    </div>
  ) : null;
