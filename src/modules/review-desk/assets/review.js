// The review desk's script (served as /console/assets/review.js). The page works without it: documents show
// at their own size and the decision form posts as any form. With it: zoom and rotate buttons for each
// image, and keyboard shortcuts (listed on the page): a approves, r goes to the rejection reasons (where
// Enter rejects with the reasons checked), + and - zoom, [ and ] rotate, 0 resets, n and p move between
// documents. Styles are set through the CSSOM, which
// the page's policy allows (it refuses style attributes in the markup).
(() => {
  const viewers = [...document.querySelectorAll('[data-viewer]')];
  const state = new Map(viewers.map((v) => [v, { zoom: 1, turn: 0 }]));
  let current = viewers[0] ?? null;
  const TURNS = {
    0: '',
    90: 'rotate(90deg) translateY(-100%)',
    180: 'rotate(180deg) translate(-100%, -100%)',
    270: 'rotate(270deg) translateX(-100%)',
  };

  const apply = (viewer) => {
    const s = state.get(viewer);
    const img = viewer.querySelector('img');
    viewer.style.overflow = 'auto';
    viewer.style.maxHeight = '75vh';
    if (img) {
      img.style.display = 'block';
      img.style.maxWidth = 'none';
      img.style.width = `${Math.round(s.zoom * 100)}%`;
      img.style.height = 'auto';
      // Turned about its top left corner, then moved back into the frame, so it stays where the frame scrolls.
      img.style.transformOrigin = 'top left';
      img.style.transform = TURNS[s.turn];
    }
    const frame = viewer.querySelector('iframe');
    if (frame) {
      frame.style.display = 'block';
      frame.style.border = '0';
    }
    const status = document.querySelector(`[data-viewer-status="${viewer.id}"]`);
    if (status) status.textContent = `Zoom ${Math.round(s.zoom * 100)}%${s.turn ? `, turned ${s.turn}°` : ''}`;
  };

  const act = (viewer, action) => {
    const s = state.get(viewer);
    if (!s || !viewer.querySelector('img')) return;
    if (action === 'zoom-in') s.zoom = Math.min(8, s.zoom * 1.25);
    else if (action === 'zoom-out') s.zoom = Math.max(0.25, s.zoom / 1.25);
    else if (action === 'rotate-left') s.turn = (s.turn + 270) % 360;
    else if (action === 'rotate-right') s.turn = (s.turn + 90) % 360;
    else if (action === 'reset') Object.assign(s, { zoom: 1, turn: 0 });
    current = viewer;
    apply(viewer);
  };

  for (const viewer of viewers) {
    apply(viewer);
    const mark = () => {
      current = viewer;
    };
    viewer.addEventListener('focusin', mark);
    viewer.addEventListener('pointerdown', mark);
  }
  for (const tools of document.querySelectorAll('[data-viewer-tools]')) tools.hidden = false;
  for (const button of document.querySelectorAll('[data-action][data-for]')) {
    button.addEventListener('click', () => {
      const viewer = document.getElementById(button.dataset.for);
      if (viewer) act(viewer, button.dataset.action);
    });
  }

  const move = (step) => {
    if (viewers.length === 0) return;
    const i = Math.max(0, viewers.indexOf(current));
    current = viewers[(i + step + viewers.length) % viewers.length];
    current.focus();
    current.scrollIntoView({ block: 'nearest' });
  };

  const KEYS = { '+': 'zoom-in', '=': 'zoom-in', '-': 'zoom-out', '[': 'rotate-left', ']': 'rotate-right', 0: 'reset' };
  const typing = (el) =>
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(el.type)) ||
    (el instanceof HTMLElement && el.isContentEditable);

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented || typing(e.target)) return;
    const key = e.key;
    // Enter on a reason: reject with the reasons checked (a checkbox does not submit its form by itself).
    if (key === 'Enter' && e.target instanceof HTMLInputElement && e.target.closest('[data-reasons]')) {
      const reject = e.target.form?.querySelector('[data-submit="reject"]');
      if (!reject) return;
      e.preventDefault();
      e.target.form.requestSubmit(reject);
      return;
    }
    if (key === 'a') {
      const approve = document.querySelector('[data-shortcut="approve"]');
      if (!approve) return;
      e.preventDefault();
      approve.click();
    } else if (key === 'r') {
      const reject = document.querySelector('[data-shortcut="reject"]');
      if (!reject) return;
      e.preventDefault();
      reject.focus();
      reject.scrollIntoView({ block: 'center' });
    } else if (key === 'n' || key === 'p') {
      e.preventDefault();
      move(key === 'n' ? 1 : -1);
    } else if (KEYS[key] && current) {
      e.preventDefault();
      act(current, KEYS[key]);
    }
  });
})();
