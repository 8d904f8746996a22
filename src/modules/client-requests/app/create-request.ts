import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/db/index.ts';
import type { NewClient } from '../domain/client-input.ts';
import { EVENTS } from '../domain/model.ts';
import type { FileRow } from '../infra/client-requests-repository.ts';
import { ClientRequestErrors } from '../error-codes.ts';
import type { ClientRequestsDeps } from './deps.ts';
import type { IssuedLink } from './links.ts';
import { event } from './links.ts';
import { fileView } from './present.ts';
import { clientFor, profileOf, startRequest } from './start-request.ts';

/** What opens a file, as the route's schema gives it (http/file-bodies.ts): trimmed, the flags' defaults applied. */
export interface CreateFileInput {
  requesterReferenceId: string;
  fileName?: string | null;
  fileNumber?: string | null;
  clients: NewClient[];
  bankingLoginRequired: boolean;
  createNewClientRecord: boolean;
  sendLink: boolean;
}

/** `POST /api/client/create-verification-request`: a file with one request and link per client. */
export async function createVerificationRequest(deps: ClientRequestsDeps, accountId: string, input: CreateFileInput) {
  const { requesterReferenceId: ref, fileName, fileNumber } = input;
  const now = deps.clock.now();
  if (await deps.repo.findFileByReference(accountId, ref)) throw ClientRequestErrors.duplicateReference(ref);

  const number = fileNumber ?? `VF-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
  const file: FileRow = {
    id: deps.ids.uuid(),
    account_id: accountId,
    requester_reference_id: ref,
    file_name: fileName ?? `File ${number}`,
    file_number: number,
    transaction_key: `TK-${randomBytes(15).toString('base64url').toUpperCase().replace(/[-_]/g, 'X')}`,
    closed_status: null,
    created_at: now,
  };
  const settings = await deps.repo.settings(accountId);
  const fresh: IssuedLink[] = [];
  const requests = await deps.repo
    .transaction(async (trx: Database) => {
      await deps.repo.insertFile(trx, file);
      await event(deps, trx, { id: null, account_id: accountId, file_id: file.id }, EVENTS.fileCreated, now);
      const made = [];
      for (const client of input.clients) {
        const clientId = await clientFor(deps, trx, accountId, profileOf(client), input.createNewClientRecord);
        const started = await startRequest(deps, trx, file, {
          clientId,
          requesterClientRequestId: client.requesterClientRequestId ?? null,
          banking: input.bankingLoginRequired,
          sendMail: input.sendLink,
          lifetimeHours: settings.link_lifetime_hours,
          now,
        });
        fresh.push(started.link);
        made.push(started.request);
      }
      return made;
    })
    .catch((e: { code?: string }) => {
      // Two creates with one reference at the same moment: the unique key lets one win.
      if (e.code === '23505') throw ClientRequestErrors.duplicateReference(ref);
      throw e;
    });
  return fileView(deps, file, requests, { fresh, initialStatus: true });
}
