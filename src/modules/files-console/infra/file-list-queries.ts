import { sql } from 'kysely';
import { Repository } from '../../../platform/db/index.ts';

/** Which files the list shows: all, open ones, open ones with a report to review, ended ones. */
export type FileFilter = 'all' | 'open' | 'action' | 'ended';

export interface ListedFile {
  id: string;
  fileNumber: string;
  fileName: string;
  reference: string;
  closedStatus: string | null;
  created: Date;
  /** The latest change of one of its requests (or its creation). */
  updated: Date;
  /** Its current requests (one per client: those not replaced), and how many of them await review. */
  clients: number;
  inReview: number;
}

const REVIEW = 'Review Report';

/** `%` and `_` typed in a search are looked for as themselves. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The console's reads of an account's client files that the API answers one at a time: the list, the
 * requests of a file in order with what replaced what, each link's state, and when a client last worked on
 * the capture page. Read-only, always within one account.
 */
export class FileListQueries extends Repository {
  async list(accountId: string, q: { text?: string; filter: FileFilter; limit: number; offset: number }): Promise<ListedFile[]> {
    let query = this.db
      .selectFrom('case_files as f')
      .select(['f.id', 'f.file_number', 'f.file_name', 'f.requester_reference_id', 'f.closed_status', 'f.created_at'])
      .select((eb) => [
        eb
          .selectFrom('client_requests as r')
          .whereRef('r.file_id', '=', 'f.id')
          .where('r.account_id', '=', accountId)
          .where('r.replaced_by', 'is', null)
          .select(eb.fn.countAll<string>().as('n'))
          .as('clients'),
        eb
          .selectFrom('client_requests as r')
          .whereRef('r.file_id', '=', 'f.id')
          .where('r.account_id', '=', accountId)
          .where('r.status', '=', REVIEW)
          .select(eb.fn.countAll<string>().as('n'))
          .as('in_review'),
        eb
          .selectFrom('client_requests as r')
          .whereRef('r.file_id', '=', 'f.id')
          .where('r.account_id', '=', accountId)
          .select((sub) => sub.fn.max('r.updated_at').as('u'))
          .as('updated'),
      ])
      .where('f.account_id', '=', accountId);
    if (q.text) {
      const like = likeText(q.text);
      query = query.where((eb) =>
        eb.or([
          eb('f.file_number', 'ilike', like),
          eb('f.file_name', 'ilike', like),
          eb('f.requester_reference_id', 'ilike', like),
          eb('f.id', '=', q.text!),
        ]),
      );
    }
    if (q.filter === 'open' || q.filter === 'action') query = query.where('f.closed_status', 'is', null);
    if (q.filter === 'ended') query = query.where('f.closed_status', 'is not', null);
    if (q.filter === 'action')
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('client_requests as r')
            .select('r.id')
            .whereRef('r.file_id', '=', 'f.id')
            .where('r.account_id', '=', accountId)
            .where('r.status', '=', REVIEW),
        ),
      );
    const rows = await query.orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').limit(q.limit).offset(q.offset).execute();
    return rows.map((r) => ({
      id: r.id,
      fileNumber: r.file_number,
      fileName: r.file_name,
      reference: r.requester_reference_id,
      closedStatus: r.closed_status,
      created: new Date(r.created_at),
      updated: r.updated ? new Date(r.updated as unknown as string | Date) : new Date(r.created_at),
      clients: Number(r.clients ?? 0),
      inReview: Number(r.in_review ?? 0),
    }));
  }

  /** A file's requests, oldest first, with what replaced each; and when the file was opened. */
  async requestsOf(accountId: string, fileId: string) {
    const file = await this.db
      .selectFrom('case_files')
      .select(['created_at'])
      .where('account_id', '=', accountId)
      .where('id', '=', fileId)
      .executeTakeFirst();
    const requests = await this.db
      .selectFrom('client_requests')
      .select(['id', 'replaced_by', 'status', 'created_at', 'updated_at'])
      .where('account_id', '=', accountId)
      .where('file_id', '=', fileId)
      .orderBy('created_at')
      .orderBy(sql`id`)
      .execute();
    return { created: file ? new Date(file.created_at) : null, requests };
  }

  /** The links of some requests with their recorded state (the API's listings give only their dates). */
  links(accountId: string, requestIds: string[]) {
    if (requestIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('request_links')
      .select(['id', 'request_id', 'status', 'start_date', 'end_date', 'send_mail', 'mail_sent_at', 'mail_failed_at'])
      .where('account_id', '=', accountId)
      .where('request_id', 'in', requestIds)
      .orderBy('id')
      .execute();
  }

  /** When each client last saved a step on the capture page (none: the page was not used yet). */
  async activity(accountId: string, requestIds: string[]): Promise<Map<string, Date>> {
    if (requestIds.length === 0) return new Map();
    const rows = await this.db
      .selectFrom('idv_captures')
      .select(['request_id', 'updated_at'])
      .where('account_id', '=', accountId)
      .where('request_id', 'in', requestIds)
      .execute();
    return new Map(rows.map((r) => [r.request_id, new Date(r.updated_at)]));
  }
}
