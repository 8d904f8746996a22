import { Repository } from '../../../platform/db/index.ts';
import { REQUEST_STATUS } from '../domain/model.ts';

/** The console's reads of files and requests: counts and lookups by the ids people type. Always within one account. */
export class FileQueries extends Repository {
  /** Open files with a report awaiting review (the dialect's "Action Required"). */
  async filesNeedingAction(accountId: string): Promise<number> {
    const row = await this.db
      .selectFrom('case_files as f')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('f.account_id', '=', accountId)
      .where('f.closed_status', 'is', null)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('client_requests as r')
            .select('r.id')
            .whereRef('r.file_id', '=', 'f.id')
            .where('r.account_id', '=', accountId)
            .where('r.status', '=', REQUEST_STATUS.review),
        ),
      )
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Files whose number, name or reference is `text`, and requests whose id (Vouch's or the requester's) is `text`. */
  async lookup(accountId: string, text: string) {
    const files = await this.db
      .selectFrom('case_files')
      .select(['id', 'file_number', 'file_name', 'closed_status'])
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('file_number', '=', text), eb('requester_reference_id', '=', text), eb('id', '=', text)]))
      .limit(20)
      .execute();
    const requests = await this.db
      .selectFrom('client_requests')
      .select(['id', 'status', 'file_id'])
      .where('account_id', '=', accountId)
      .where((eb) => eb.or([eb('id', '=', text), eb('requester_client_request_id', '=', text)]))
      .limit(20)
      .execute();
    return { files, requests };
  }
}
