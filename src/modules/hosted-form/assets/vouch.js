// Vouch embed: a program's hosted form (/form/{programId}) in an iframe or a modal, its events to the page.
(() => {
  // Loaded twice: keep the first, which holds the listeners.
  if (window.vouch?.version) return;

  const everyForm = new Map();
  const add = (map, type, fn) => {
    if (typeof fn !== 'function') throw new TypeError('vouch: a listener must be a function');
    if (!map.has(type)) map.set(type, new Set());
    map.get(type).add(fn);
  };
  const remove = (map, type, fn) => {
    map.get(type)?.delete(fn);
  };

  // A copy, so a handler that removes one does not change this round.
  function emit(own, message) {
    const fns = [...(own.get(message.type) || []), ...(everyForm.get(message.type) || [])];
    for (const fn of fns) {
      try {
        fn(message);
      } catch (e) {
        // One broken handler must not silence the others.
        console.error(e);
      }
    }
  }

  function frame(parent, url, options) {
    const o = options || {};
    const src = new URL(url, location.href);
    for (const key of ['locale', 'trackingId', 'metadata', 'prefill', 'verificationId']) {
      const v = o[key];
      if (v != null) src.searchParams.set(key, typeof v === 'object' ? JSON.stringify(v) : String(v));
    }
    // The form posts its events only to this origin, and only when the program allows it.
    src.searchParams.set('parentOrigin', location.origin);
    const iframe = document.createElement('iframe');
    iframe.title = o.title || 'Verification form';
    // The document step's file input may open the camera on phones.
    iframe.setAttribute('allow', 'camera');
    // Usable before the form's first resize message.
    iframe.style.cssText = 'display:block;width:100%;height:600px;border:0';
    const own = new Map();
    // Any page may post here: only this iframe's form, from the form's origin, is heard.
    const onMessage = (e) => {
      const m = e.data;
      if (e.origin !== src.origin || e.source !== iframe.contentWindow || !m || m.source !== 'vouch-form') return;
      if (m.type !== 'resize') return emit(own, m);
      const h = Number(m.height);
      if (Number.isFinite(h)) iframe.style.height = `${Math.min(10000, Math.max(100, Math.ceil(h)))}px`;
    };
    // Listening before the iframe loads, so its `ready` is not missed.
    addEventListener('message', onMessage);
    iframe.src = src.href;
    parent.append(iframe);
    return {
      iframe,
      on: (type, fn) => add(own, type, fn),
      off: (type, fn) => remove(own, type, fn),
      destroy() {
        removeEventListener('message', onMessage);
        own.clear();
        iframe.remove();
      },
    };
  }

  // A modal <dialog>: the browser traps focus in it and closes it on Escape.
  function loadInModal(url, options) {
    const o = options || {};
    const opener = document.activeElement;
    const dialog = document.createElement('dialog');
    dialog.setAttribute('aria-label', o.title || 'Verification form');
    dialog.style.cssText = 'width:min(40rem,calc(100vw - 2rem));max-height:calc(100vh - 2rem);padding:0;border:0;overflow:auto';
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = o.closeLabel || 'Close';
    button.style.cssText = 'display:block;margin:.5rem .5rem 0 auto';
    button.addEventListener('click', () => dialog.close());
    dialog.append(button);
    document.body.append(dialog);
    const handle = frame(dialog, url, o);
    const destroy = handle.destroy;
    // However it closes (button, Escape, close()): the form goes, focus goes back.
    dialog.addEventListener('close', () => {
      destroy();
      dialog.remove();
      if (opener?.isConnected && opener.focus) opener.focus();
    });
    handle.close = handle.destroy = () => {
      if (dialog.open) dialog.close();
    };
    dialog.showModal();
    return handle;
  }

  window.vouch = {
    version: '1',
    loadInlineIframe: frame,
    loadInModal,
    on: (type, fn) => add(everyForm, type, fn),
    off: (type, fn) => remove(everyForm, type, fn),
  };
})();
