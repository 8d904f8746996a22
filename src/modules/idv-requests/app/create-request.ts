import { randomBytes } from 'node:crypto';
import type { Database } from '../../../platform/db/index.ts';
import { checkClient, isObject, unexpectedKeys, type ClientInput } from '../domain/client-input.ts';
import { EVENTS } from '../domain/model.ts';
import type { FileRow } from '../infra/idv-repository.ts';
import { IdvErrors } from '../error-codes.ts';
import type { IdvDeps } from './deps.ts';
import type { IssuedLink } from './links.ts';
import { event } from './links.ts';
import { fileView } from './present.ts';
import { clientFor, profileOf, startRequest } from './start-request.ts';

const KEYS = ['requesterReferenceId', 'fileName', 'fileNumber', 'clients', 'bankingLoginRequired', 'createNewClientRecord', 'sendLink'];
export const MAX_CLIENTS = 20;

const optionalText = (errors: string[], name: string, v: unknown, max = 100) => {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || !v.trim() || v.length > max || /[\u0000-\u001f\u007f]/.test(v)) {
    errors.push(`${name} must be 1 to ${max} printable characters`);
    return null;
  }
  return v.trim();
};
const optionalFlag = (errors: string[], name: string, v: unknown, fallback: boolean) => {
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') {
    errors.push(`${name} must be true or false`);
    return fallback;
  }
  return v;
};

/** The options of create and update, checked together so every problem is reported at once; `now` from the clock. */
export function checkClients(body: Record<string, unknown>, errors: string[], partialWithId: boolean, now: Date) {
  const list = body.clients;
  if (!Array.isArray(list) || list.length === 0) {
    errors.push('clients must be a non-empty array');
    return [];
  }
  if (list.length > MAX_CLIENTS) {
    errors.push(`At most ${MAX_CLIENTS} clients per request`);
    return [];
  }
  return list.map((raw, i) => {
    const withId = partialWithId && isObject(raw) && raw.clientRequestId !== undefined;
    if (withId && typeof (raw as Record<string, unknown>).clientRequestId !== 'string')
      errors.push(`clients[${i}].clientRequestId must be a string`);
    const { client, errors: e } = checkClient(raw, `clients[${i}]`, withId, now, partialWithId ? ['clientRequestId'] : []);
    errors.push(...e);
    return { clientRequestId: withId ? String((raw as Record<string, unknown>).clientRequestId) : null, client: client ?? {} };
  });
}

/** `POST /api/client/create-verification-request`: a file with one request and link per client. */
export async function createVerificationRequest(deps: IdvDeps, accountId: string, body: unknown) {
  if (!isObject(body)) throw IdvErrors.invalid(['Request body must be a JSON object']);
  const errors = unexpectedKeys(body, KEYS);
  const ref = optionalText(errors, 'requesterReferenceId', body.requesterReferenceId);
  if (body.requesterReferenceId === undefined) errors.push('requesterReferenceId is required');
  const fileName = optionalText(errors, 'fileName', body.fileName, 200);
  const fileNumber = optionalText(errors, 'fileNumber', body.fileNumber);
  const banking = optionalFlag(errors, 'bankingLoginRequired', body.bankingLoginRequired, false);
  const createNew = optionalFlag(errors, 'createNewClientRecord', body.createNewClientRecord, false);
  const sendMail = optionalFlag(errors, 'sendLink', body.sendLink, true);
  const now = deps.clock.now();
  const clients = checkClients(body, errors, false, now);
  if (errors.length) throw IdvErrors.invalid(errors);
  if (await deps.repo.findFileByReference(accountId, ref!)) throw IdvErrors.duplicateReference(ref!);

  const number = fileNumber ?? `VF-${now.toISOString().slice(0, 10).replace(/-/g, '')}-${randomBytes(3).toString('hex').toUpperCase()}`;
  const file: FileRow = {
    id: deps.ids.uuid(),
    account_id: accountId,
    requester_reference_id: ref!,
    file_name: fileName ?? `File ${number}`,
    file_number: number,
    transaction_key: `TK-${randomBytes(15).toString('base64url').toUpperCase().replace(/[-_]/g, 'X')}`,
    closed_status: null,
    created_at: now,
  };
  const settings = await deps.repo.settings(accountId);
  const fresh: IssuedLink[] = [];
  const requests = await deps.repo.db
    .transaction()
    .execute(async (trx: Database) => {
      await deps.repo.insertFile(trx, file);
      await event(deps, trx, { id: null, account_id: accountId, file_id: file.id }, EVENTS.fileCreated, now);
      const made = [];
      for (const { client } of clients) {
        const profile = profileOf(client as ClientInput);
        const clientId = await clientFor(deps, trx, accountId, profile, createNew);
        const started = await startRequest(deps, trx, file, {
          clientId,
          requesterClientRequestId: client.requesterClientRequestId ?? null,
          banking,
          sendMail,
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
      if (e.code === '23505') throw IdvErrors.duplicateReference(ref!);
      throw e;
    });
  return fileView(deps, file, requests, { fresh, initialStatus: true });
}
