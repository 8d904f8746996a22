/**
 * The console's "Client files" section (what Treefort's portal does): the account's files, a file opened
 * with its clients, each client's request with its links, re-initiation, cancellation, contact changes and
 * sample reports, the report with its PDF, checks and photos, and its review. Every action goes through the
 * client-requests and id-reports modules' own use cases, with the API's own body checks.
 */
export type { Bytes, FileEvent, FilesConsoleDeps, FileView, IssuedLink, ReportSubject, RequestDetails } from './app/deps.ts';
export { FileListQueries } from './infra/file-list-queries.ts';
export { createFilesConsoleModule } from './module.ts';
