import { sizeText, When } from './views.tsx';

/** The keyboard shortcuts review.js gives the item pages; `reasons` says what r leads to (checkboxes, or a reason to type). */
export const Shortcuts = ({ reasons }: { reasons: 'checkboxes' | 'text' }) => (
  <p class="muted" id="shortcuts">
    Keyboard: <kbd>a</kbd> approve,{' '}
    {reasons === 'checkboxes' ? (
      <>
        <kbd>r</kbd> go to the rejection reasons (there <kbd>Space</kbd> checks one and <kbd>Enter</kbd> rejects with those checked),
      </>
    ) : (
      <>
        <kbd>r</kbd> write the reason to reject,
      </>
    )}{' '}
    <kbd>+</kbd> and <kbd>-</kbd> zoom, <kbd>[</kbd> and <kbd>]</kbd> rotate, <kbd>0</kbd> reset the view, <kbd>n</kbd> and <kbd>p</kbd>{' '}
    next and previous document.
  </p>
);

export interface ViewerProps {
  /** What the page calls each: "Document" (eligibility uploads) or "Photo" (a client's capture). */
  noun?: 'Document' | 'Photo';
  id: string;
  position: number;
  of: number;
  name: string;
  mimeType: string;
  size: number;
  uploaded?: number | Date | null;
  /** The console's document route: served inline, sandboxed, never running scripts. */
  src: string;
}

const TOOLS: [string, string][] = [
  ['zoom-in', 'Zoom in'],
  ['zoom-out', 'Zoom out'],
  ['rotate-left', 'Rotate left'],
  ['rotate-right', 'Rotate right'],
  ['reset', 'Reset'],
];

/**
 * One document: an image in a scrollable frame with zoom and rotate buttons (shown once review.js runs),
 * a PDF in a frame with all its pages (the browser's own viewer), and a download link either way.
 */
export function DocumentViewer({ noun = 'Document', id, position, of, name, mimeType, size, uploaded, src }: ViewerProps) {
  const viewer = `viewer-${id}`;
  const title = `${noun} ${position} of ${of}`;
  const image = mimeType.startsWith('image/');
  return (
    <section class="card" aria-labelledby={`${viewer}-h`}>
      <h3 id={`${viewer}-h`}>{title}</h3>
      <p class="muted">
        {name} · {mimeType} · {sizeText(size)}
        {uploaded ? (
          <>
            {' '}
            · uploaded <When at={uploaded} />
          </>
        ) : null}
      </p>
      {image && (
        <div class="actions" data-viewer-tools hidden>
          {TOOLS.map(([action, label]) => (
            <button key={action} type="button" class="secondary" data-action={action} data-for={viewer}>
              {label}
            </button>
          ))}
          <span role="status" data-viewer-status={viewer} />
        </div>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a frame that scrolls must take focus, so the keyboard can scroll it and zoom what is in it */}
      <section class="viewer" id={viewer} data-viewer tabIndex={0} aria-label={`${title}, ${image ? 'image' : 'PDF'}`}>
        {image ? (
          <img src={src} alt={`${title}: ${name}`} />
        ) : (
          <iframe src={src} title={`${title}: ${name} (PDF, all pages)`} width="100%" height="640" />
        )}
      </section>
      <p>
        <a href={`${src}?download=1`}>Download {image ? 'the image' : 'the PDF'}</a>
        {!image && <span class="muted"> (for a browser without a PDF viewer)</span>}
      </p>
    </section>
  );
}
