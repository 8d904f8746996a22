/**
 * The console's passkey script (served as /console/assets/passkeys.js, after the WebAuthn helper library):
 * on the sign-in page it offers passkey sign-in where the browser has passkeys; on the security page it
 * adds one. Without it the pages work by password and code alone.
 */
export const PASSKEYS_JS = `(() => {
  const lib = window.SimpleWebAuthnBrowser;
  if (!lib || !window.PublicKeyCredential) return;
  const post = async (url, body, csrf) => {
    const headers = { 'content-type': 'application/json' };
    if (csrf) headers['x-csrf-token'] = csrf;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body ?? {}), credentials: 'same-origin' });
    return res.json();
  };
  const signIn = document.getElementById('passkey-sign-in');
  if (signIn) {
    document.getElementById('passkey').hidden = false;
    const error = document.getElementById('passkey-error');
    signIn.addEventListener('click', async () => {
      error.textContent = '';
      try {
        const { challengeId, options } = await post('/console/sign-in/passkey/options');
        const response = await lib.startAuthentication({ optionsJSON: options });
        const answer = await post('/console/sign-in/passkey', { challengeId, response, next: signIn.dataset.next });
        if (answer.next) location.assign(answer.next);
        else error.textContent = answer.error || 'That passkey was not accepted.';
      } catch (e) {
        error.textContent = 'No passkey was used. Sign in with your password, or try again.';
      }
    });
  }
  const add = document.getElementById('passkey-add');
  if (add) {
    add.hidden = false;
    const status = document.getElementById('passkey-status');
    add.addEventListener('click', async () => {
      status.textContent = '';
      try {
        const csrf = add.dataset.csrf;
        const options = await post('/console/security/passkey/options', {}, csrf);
        const response = await lib.startRegistration({ optionsJSON: options });
        const answer = await post('/console/security/passkey', { response }, csrf);
        if (answer.ok) location.reload();
        else status.textContent = answer.error || 'The passkey was not saved.';
      } catch (e) {
        status.textContent = 'No passkey was saved.';
      }
    });
  }
})();
`;
