import { Facts, TableWrap, valueText, words } from './views.tsx';

/** Parts of a client ID report's page, shown alike by the workbench and by the client file pages. */

/** A wire date of the client-request dialect ("2026-03-24T12:00:00", UTC) as the console shows instants. */
export const wireText = (s: string | null | undefined) => (s ? `${s.slice(0, 10)} ${s.slice(11, 16)} UTC` : '—');

/** The photos' names in words. */
export const PHOTO_NAMES: Record<string, string> = { front: 'Front of the document', back: 'Back of the document', selfie: 'Selfie' };

const RESULT: Record<string, string> = { pass: 'Passed', fail: 'Failed', 'not-run': 'Not run' };
/** The checks' names in words (the others: their camelCase name in words). */
const CHECK: Record<string, string> = {
  mrzCheckDigits: 'MRZ check digits',
  mrzMatchesProfile: 'MRZ matches the client as described',
  identityConfirmed: 'Identity confirmed by the client',
  mrzFromImage: 'MRZ read from the photo',
  barcodeFromImage: 'Licence barcode read from the photo',
  documentText: "Document's text matches the person",
};

/** The report's checks: each with its result and reason, the high-risk ones marked. */
export function ReportChecks({ checks }: { checks: readonly { name: string; result: string; reason: string; highRisk: boolean }[] }) {
  return (
    <TableWrap label="Checks">
      <table>
        <thead>
          <tr>
            <th scope="col">Check</th>
            <th scope="col">Result</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.name}>
              <td>
                {CHECK[c.name] ?? words(c.name)}
                {c.highRisk && <span class="muted"> (high risk)</span>}
              </td>
              <td class={c.result === 'fail' ? 'late' : undefined}>{RESULT[c.result] ?? c.result}</td>
              <td>{c.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

interface ReportClientFacts {
  source: 'document' | 'entered';
  firstName: unknown;
  middleName: unknown;
  lastName: unknown;
  dateOfBirth: unknown;
  currentAddress: unknown;
}

/** The client as the report holds them: read from the document's machine-readable zone, or as entered. */
export function ReportClient({ client }: { client: ReportClientFacts }) {
  return (
    <>
      <p class="muted">{client.source === 'document' ? "As read from the document's machine-readable zone" : 'As the client entered it'}</p>
      <Facts
        rows={[
          ['First name', valueText(client.firstName)],
          ['Middle name', valueText(client.middleName)],
          ['Last name', valueText(client.lastName)],
          ['Date of birth', valueText(client.dateOfBirth)],
          ['Address', valueText(client.currentAddress)],
        ]}
      />
    </>
  );
}
