import type { FileQueries } from '../infra/file-queries.ts';

/** Open files with a report awaiting review. */
export const filesNeedingAction = (queries: FileQueries, accountId: string) => queries.filesNeedingAction(accountId);

/** Files and requests a person may mean by `text` (a file number, a reference, a request id), within the account. */
export async function findFilesAndRequests(queries: FileQueries, accountId: string, text: string) {
  const { files, requests } = await queries.lookup(accountId, text);
  return [
    ...files.map((f) => ({
      kind: 'file' as const,
      id: f.id,
      label: `${f.file_number} · ${f.file_name}`,
      status: f.closed_status ?? 'open',
    })),
    ...requests.map((r) => ({ kind: 'client request' as const, id: r.id, label: r.id, status: r.status })),
  ];
}
