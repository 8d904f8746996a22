import type { DocumentReadingSignal } from '../../documents/index.ts';

const RESULT: Record<string, string> = { pass: 'Passed', fail: 'Failed', 'not-run': 'Not run' };
const SOURCE: Record<string, string> = { ocr: 'read from the image (OCR)', 'pdf-text': "read from the PDF's text layer" };

/**
 * What reading a document found: the `documentText` check with its reason, and its evidence (each word of
 * the person's name and organization, the line it was found on and the word as read), with the dates.
 */
export function ReadingView({ reading }: { reading: DocumentReadingSignal | null | undefined }) {
  if (!reading) return <p class="muted">The document's text has not been read.</p>;
  const { check } = reading;
  const found = (part: 'name' | 'organization') => reading.evidence.filter((e) => e.part === part);
  return (
    <div class="reading">
      <p class={check.result === 'fail' ? 'late' : undefined}>
        <strong>Document's text matches the person: {RESULT[check.result] ?? check.result}.</strong> {check.reason}
        {reading.source && <span class="muted"> (Text {SOURCE[reading.source] ?? reading.source}.)</span>}
      </p>
      {reading.evidence.length > 0 && (
        <ul>
          {(['name', 'organization'] as const).map((part) =>
            found(part).length > 0 ? (
              <li key={part}>
                {part === 'name' ? 'Name' : 'Organization'}:{' '}
                {found(part)
                  .map((e) => (e.line === null ? `${e.word} not found` : `${e.word} on line ${e.line + 1} (read “${e.read}”)`))
                  .join('; ')}
              </li>
            ) : null,
          )}
          {reading.dates.length > 0 && <li>Dates: {reading.dates.map((d) => `${d.date} (“${d.text}”, line ${d.line + 1})`).join('; ')}</li>}
        </ul>
      )}
    </div>
  );
}
