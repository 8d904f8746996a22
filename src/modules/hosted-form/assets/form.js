// The hosted form's script: the page works without it (plain form posts); with it, the page is a client of
// Vouch's public /rest/v2 API as any integrator's would be. It sends each step straight to the API, shows
// field errors in place, searches organizations as the person types, uploads documents with progress,
// follows a review until it ends, and tells an embedding page (vouch.js) what happens.
(() => {
  const dataEl = document.getElementById('vouch-form-data');
  if (!dataEl) return;
  let data = JSON.parse(dataEl.textContent);
  let poller;

  const api = async (method, url, body) => {
    const r = await fetch(url, {
      method,
      credentials: 'omit',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: r.status, json: await r.json().catch(() => null) };
  };
  const pathOf = (url) => {
    const u = new URL(url, location.href);
    return u.pathname + u.search;
  };
  const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => (values[k] === undefined ? '' : String(values[k])));
  const errorText = (id) => data.errorTexts[id] || data.errorTexts.unknownError;

  // Events for the embedding page, to its origin only (the server checked the program allows it).
  const tell = (type, extra) => {
    if (!data.parentOrigin || window.parent === window) return;
    const message = { source: 'vouch-form', type, verificationId: data.verificationId, step: data.step, ...extra };
    window.parent.postMessage(message, data.parentOrigin);
  };

  // Inputs name the JSON they stand for: the rules of domain/form-values.ts (dotted paths, [] arrays,
  // :num and :bool), names starting with _ are the page's own, empty texts are left out.
  const formJson = (form) => {
    const out = {};
    for (const [name, raw] of new FormData(form)) {
      if (typeof raw !== 'string') continue;
      const [path, type] = name.split(':');
      const value = raw.trim();
      if (value === '' || path === '' || path.startsWith('_')) continue;
      const typed = type === 'num' ? Number(value) : type === 'bool' ? value === 'true' || value === 'on' : value;
      if (typeof typed === 'number' && !Number.isFinite(typed)) continue;
      const keys = path.split('.');
      let target = out;
      for (const key of keys.slice(0, -1)) {
        if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
        target = target[key];
      }
      const last = keys[keys.length - 1];
      if (last.endsWith('[]')) {
        const key = last.slice(0, -2);
        target[key] = Array.isArray(target[key]) ? target[key] : [];
        target[key].push(typed);
      } else target[last] = typed;
    }
    return out;
  };

  // Field errors next to their fields and in a summary at the top, which takes the focus.
  const showErrors = (form, ids) => {
    const main = document.getElementById('vouch-step');
    for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
    for (const el of form.querySelectorAll('.vf-field-error[data-added]')) el.remove();
    main.querySelector('.vf-summary[data-errors]')?.remove();
    const byField = {};
    for (const id of ids) {
      const field = data.errorFields[id];
      if (!field) continue;
      byField[field] = byField[field] || [];
      byField[field].push(errorText(id));
    }
    for (const [field, texts] of Object.entries(byField)) {
      const box = form.querySelector(`[data-field="${field}"]`);
      if (!box) continue;
      const note = document.createElement('p');
      note.className = 'vf-field-error';
      note.id = `vf-${field}-error`;
      note.dataset.added = '';
      note.textContent = texts.join(' ');
      box.querySelector(`#${note.id}`)?.remove();
      box.append(note);
      const inputs = box.matches('fieldset') ? [box] : box.querySelectorAll('input:not([type=hidden]),select,textarea');
      for (const input of inputs) {
        input.setAttribute('aria-invalid', 'true');
        const described = (input.getAttribute('aria-describedby') || '').split(' ').filter((d) => d && d !== note.id);
        input.setAttribute('aria-describedby', [...described, note.id].join(' '));
      }
    }
    const summary = document.createElement('div');
    summary.className = 'vf-summary';
    summary.dataset.errors = '';
    summary.setAttribute('role', 'alert');
    summary.tabIndex = -1;
    const heading = document.createElement('p');
    heading.textContent = data.errorSummary;
    const list = document.createElement('ul');
    for (const id of ids) {
      const item = document.createElement('li');
      const field = data.errorFields[id];
      if (field && form.querySelector(`#vf-${field}`)) {
        const link = document.createElement('a');
        link.href = `#vf-${field}`;
        link.textContent = errorText(id);
        item.append(link);
      } else item.textContent = errorText(id);
      list.append(item);
    }
    summary.append(heading, list);
    form.before(summary);
    summary.focus();
  };

  // The verification's new state, rendered by the server as the same page; only the step changes.
  const show = async (verificationId) => {
    const q = new URLSearchParams({ verificationId, locale: data.locale });
    if (data.parentOrigin) q.set('parentOrigin', data.parentOrigin);
    const url = `/form/${data.programId}?${q}`;
    const html = await (await fetch(url, { headers: { accept: 'text/html' }, credentials: 'omit' })).text();
    // The head is left out: its styles carry another nonce, which this page's policy would refuse.
    const title = /<title>([^<]*)<\/title>/.exec(html);
    const doc = new DOMParser().parseFromString(`${title ? title[0] : ''}${html.replace(/<head>[\s\S]*?<\/head>/, '')}`, 'text/html');
    const nextData = doc.getElementById('vouch-form-data');
    const nextMain = doc.getElementById('vouch-step');
    if (!nextData || !nextMain) return location.assign(url);
    const before = data.step;
    data = JSON.parse(nextData.textContent);
    document.getElementById('vouch-step').replaceWith(document.importNode(nextMain, true));
    const langs = doc.querySelector('.vf-langs');
    if (langs) document.querySelector('.vf-langs')?.replaceWith(document.importNode(langs, true));
    document.title = doc.title;
    history.replaceState(null, '', url);
    enhance();
    document.getElementById('vf-title')?.focus();
    if (data.step !== before) tell('stepChange');
    if (data.step === 'success') tell('success', { rewardCode: document.getElementById('vf-code')?.textContent || null });
    if (data.step === 'error' || data.step === 'consolation') tell('error', { errorIds: data.errorIds });
  };

  const busy = (form, on) => {
    for (const b of form.querySelectorAll('button')) b.disabled = on;
    form.setAttribute('aria-busy', String(on));
  };

  const submit = async (form, action) => {
    const step = form.dataset.step;
    busy(form, true);
    try {
      if (!data.verificationId) {
        const start = { programId: data.programId };
        if (data.trackingId) start.trackingId = data.trackingId;
        if (data.metadata) start.metadata = data.metadata;
        const created = await api('POST', '/rest/v2/verification', start);
        if (created.status !== 200 || !created.json?.verificationId) return showErrors(form, created.json?.errorIds || ['unknownError']);
        data.verificationId = created.json.verificationId;
        if (created.json.currentStep !== step) return await show(data.verificationId);
      }
      const base = `/rest/v2/verification/${data.verificationId}/step/${encodeURIComponent(step)}`;
      if (step === 'docUpload' && action !== 'cancel') return await upload(form, base);
      const r =
        action === 'cancel'
          ? await api('DELETE', base)
          : action === 'resend'
            ? await api('GET', `${base}/retry`)
            : await api('POST', base, formJson(form));
      if (r.status === 200 && r.json?.currentStep === step && r.json.errorIds.length) return showErrors(form, r.json.errorIds);
      if (r.status >= 400) {
        const now = await api('GET', `/rest/v2/verification/${data.verificationId}`);
        if (now.status === 200 && now.json.currentStep === step) return showErrors(form, r.json?.errorIds || ['unknownError']);
      }
      await show(data.verificationId);
    } catch {
      showErrors(form, ['unknownError']);
    } finally {
      if (form.isConnected) busy(form, false);
    }
  };

  // Organization search as the person types: an ARIA combobox over the program's search URL.
  const combobox = (input) => {
    const box = input.closest('.vf-org');
    const hidden = box.querySelector('input[type=hidden]');
    const list = document.getElementById(input.getAttribute('aria-controls'));
    const none = box.querySelector('[data-no-results]');
    let items = [];
    let active = -1;
    let timer;
    let asked = 0;
    const close = () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    };
    const mark = () => {
      for (const [i, li] of [...list.children].entries()) li.setAttribute('aria-selected', String(i === active));
      if (active >= 0) input.setAttribute('aria-activedescendant', list.children[active].id);
      else input.removeAttribute('aria-activedescendant');
    };
    const pick = (i) => {
      input.value = items[i].name;
      hidden.value = String(items[i].id);
      close();
    };
    const search = async () => {
      const text = input.value.trim();
      const ticket = ++asked;
      if (text.length < 2) return close();
      const r = await fetch(data.orgSearchUrl + encodeURIComponent(text), { credentials: 'omit' }).catch(() => null);
      const found = r?.ok ? await r.json() : [];
      if (ticket !== asked) return;
      items = found.slice(0, 10);
      list.replaceChildren(
        ...items.map((o, i) => {
          const li = document.createElement('div');
          li.id = `${list.id}-${i}`;
          li.setAttribute('role', 'option');
          li.textContent = o.name;
          li.addEventListener('mousedown', (e) => {
            e.preventDefault();
            pick(i);
          });
          return li;
        }),
      );
      list.hidden = items.length === 0;
      none.hidden = items.length > 0;
      input.setAttribute('aria-expanded', String(items.length > 0));
      active = -1;
      mark();
    };
    input.addEventListener('input', () => {
      hidden.value = '';
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    input.addEventListener('keydown', (e) => {
      if (list.hidden) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        active = (active + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length;
        mark();
      } else if (e.key === 'Enter' && active >= 0) {
        e.preventDefault();
        pick(active);
      } else if (e.key === 'Escape') close();
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
  };

  // Documents: chosen files are checked (type, size, count) before anything is sent, shown with a
  // preview, then declared to the API and each PUT to its upload URL with its progress.
  const ACCEPTED = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'application/pdf'];
  let chosen = [];
  const uploads = (form) => {
    chosen = [];
    const input = form.querySelector('input[type=file]');
    const list = form.querySelector('#vf-file-list');
    const problems = form.querySelector('#vf-files-problems');
    const t = data.upload;
    const mb = `${Math.round(data.maxFileSize / 1_000_000)} MB`;
    const render = () => {
      list.replaceChildren(
        ...chosen.map((c, i) => {
          const li = document.createElement('li');
          if (c.file.type.startsWith('image/')) {
            const img = document.createElement('img');
            img.src = URL.createObjectURL(c.file);
            img.alt = '';
            li.append(img);
          }
          const name = document.createElement('span');
          name.className = 'vf-name';
          name.textContent = c.file.name;
          const remove = document.createElement('button');
          remove.type = 'button';
          remove.textContent = t.remove;
          remove.setAttribute('aria-label', `${t.remove}: ${c.file.name}`);
          remove.addEventListener('click', () => {
            chosen.splice(i, 1);
            render();
            input.focus();
          });
          c.progress = document.createElement('progress');
          c.progress.max = 100;
          c.progress.value = 0;
          c.progress.hidden = true;
          c.progress.setAttribute('aria-label', fill(t.progress, { fileName: c.file.name, percent: 0 }));
          li.append(name, remove, c.progress);
          return li;
        }),
      );
    };
    input.addEventListener('change', () => {
      const refused = [];
      for (const file of input.files) {
        if (!ACCEPTED.includes(file.type)) refused.push(fill(t.wrongType, { fileName: file.name }));
        else if (file.size > data.maxFileSize) refused.push(fill(t.tooLarge, { fileName: file.name, size: mb }));
        else if (file.size === 0) refused.push(errorText('invalidFileSizeEmpty'));
        else if (chosen.length >= data.maxFiles) refused.push(fill(t.tooMany, { max: data.maxFiles }));
        else chosen.push({ file });
      }
      problems.textContent = refused.join(' ');
      input.value = '';
      render();
    });
  };
  const put = (url, c) =>
    new Promise((resolve) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', url);
      xhr.setRequestHeader('content-type', c.file.type);
      c.progress.hidden = false;
      xhr.upload.addEventListener('progress', (e) => {
        if (!e.lengthComputable) return;
        c.progress.value = Math.round((100 * e.loaded) / e.total);
        c.progress.setAttribute('aria-label', fill(data.upload.progress, { fileName: c.file.name, percent: c.progress.value }));
      });
      xhr.addEventListener('load', () => resolve(xhr.status >= 200 && xhr.status < 300));
      xhr.addEventListener('error', () => resolve(false));
      xhr.send(c.file);
    });
  const upload = async (form, base) => {
    const problems = form.querySelector('#vf-files-problems');
    if (chosen.length === 0) {
      problems.textContent = data.upload.none;
      return form.querySelector('input[type=file]').focus();
    }
    const declared = await api(
      'POST',
      base,
      chosen.map((c) => ({ fileName: c.file.name, mimeType: c.file.type, fileSize: c.file.size })),
    );
    if (declared.status !== 200 || declared.json.currentStep !== 'docUpload' || !declared.json.documents?.length)
      return declared.status === 200 && declared.json.errorIds?.length
        ? showErrors(form, declared.json.errorIds)
        : show(data.verificationId);
    const docs = declared.json.documents;
    for (const [i, doc] of docs.entries()) {
      if (doc.errors?.length || !doc.uploadUrl) return showErrors(form, ['noValidFiles']);
      if (!(await put(doc.uploadUrl, chosen[i]))) {
        problems.textContent = fill(data.upload.failed, { fileName: chosen[i].file.name });
        return;
      }
    }
    const done = await api('POST', pathOf(declared.json.submissionUrl), {});
    if (done.status === 200 && done.json.currentStep === 'docUpload' && done.json.errorIds?.length)
      return showErrors(form, done.json.errorIds);
    await show(data.verificationId);
  };

  // A review under way: the status is polled until it ends, and the page moves on by itself.
  const poll = (id) => {
    clearInterval(poller);
    poller = setInterval(async () => {
      const r = await api('GET', `/rest/v2/verification/${id}`).catch(() => null);
      if (r?.status === 200 && r.json.currentStep !== 'pending') {
        clearInterval(poller);
        await show(id);
      }
    }, data.pollMs || 3000);
  };

  const enhance = () => {
    const main = document.getElementById('vouch-step');
    for (const form of main.querySelectorAll('form[data-step]')) {
      let action = 'submit';
      for (const b of form.querySelectorAll('button[data-action]')) b.addEventListener('click', () => (action = b.dataset.action));
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const a = action;
        action = 'submit';
        submit(form, a);
      });
      if (form.dataset.step === 'docUpload') uploads(form);
    }
    for (const input of main.querySelectorAll('input[role=combobox]')) combobox(input);
    for (const button of main.querySelectorAll('button[data-copy]')) {
      button.hidden = false;
      button.addEventListener('click', async () => {
        const code = document.getElementById(button.dataset.copy).textContent;
        await navigator.clipboard?.writeText(code).catch(() => undefined);
        main.querySelector('[data-copy-status]').textContent = button.dataset.copied;
      });
    }
    const pending = main.querySelector('[data-poll]');
    if (pending?.dataset.poll) poll(pending.dataset.poll);
    else clearInterval(poller);
  };

  enhance();
  // The embedding page's iframe follows the form's height.
  if (data.parentOrigin && window.parent !== window && 'ResizeObserver' in window) {
    new ResizeObserver(() => tell('resize', { height: document.documentElement.scrollHeight })).observe(document.body);
  }
  tell('ready');
})();
