import type { Principal } from '../../../shared/principal.ts';
import type { Program } from '../../programs/index.ts';
import type { SearchFilter } from '../infra/search-repository.ts';
import type { VerificationsDeps } from './deps.ts';
import { respond } from './response-context.ts';

/** The body of `POST /verification/search` (SheerID §2.2), its shape checked at the route. */
export interface SearchRequest {
  search?: {
    email?: string;
    name?: { first?: string; last?: string };
    externalUserId?: string;
    phoneNumber?: string;
    verificationId?: string;
  };
  filter?: { programId?: string; steps?: string[]; created?: { gte?: number; lte?: number } };
}

/** How many candidates one search reads at most: the person's fields are encrypted, so they are matched here. */
export const MAX_SCANNED = 10_000;
const CHUNK = 200;

type Person = Record<string, unknown>;
const same = (a: unknown, b: string) => typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
const digits = (v: unknown) => (typeof v === 'string' ? v.replace(/\D/g, '') : '');
/** Same digits, or the same national number of at least 10 digits with and without a country code. */
const samePhone = (stored: unknown, wanted: string) => {
  const [a, b] = [digits(stored), digits(wanted)];
  if (!a || !b) return false;
  return a === b || (Math.min(a.length, b.length) >= 10 && (a.endsWith(b) || b.endsWith(a)));
};

function matches(person: Person | null, s: NonNullable<SearchRequest['search']>): boolean {
  const wanted = [s.email, s.name?.first, s.name?.last, s.externalUserId, s.phoneNumber].some((v) => v !== undefined);
  if (!wanted) return true;
  if (!person) return false;
  if (s.email !== undefined && !same(person.email, s.email)) return false;
  if (s.name?.first !== undefined && !same(person.firstName, s.name.first)) return false;
  if (s.name?.last !== undefined && !same(person.lastName, s.name.last)) return false;
  if (s.externalUserId !== undefined && person.externalUserId !== s.externalUserId) return false;
  if (s.phoneNumber !== undefined && !samePhone(person.phoneNumber, s.phoneNumber)) return false;
  return true;
}

/**
 * `POST /verification/search` (token): the account's verifications matching every criterion given, newest
 * first, each in its current step, `offset` and `limit` paging the matches. Email and names match without
 * regard to case, phone numbers by their digits (with or without the country code). Filters narrow in the database; the person's fields are
 * encrypted there and are matched here, over at most MAX_SCANNED verifications. A program of another
 * account is answered as an unknown one; another account's verification id simply matches nothing.
 */
export async function searchVerifications(
  deps: VerificationsDeps,
  principal: Principal,
  body: SearchRequest,
  page: { offset: number; limit: number },
) {
  const programs = new Map<string, Program>();
  if (body.filter?.programId !== undefined) {
    const p = await deps.programs.load(body.filter.programId, principal.accountId);
    programs.set(p.id, p);
  }
  const s = body.search ?? {};
  const created = body.filter?.created;
  const filter: SearchFilter = {
    accountId: principal.accountId,
    verificationId: s.verificationId,
    programId: body.filter?.programId,
    steps: body.filter?.steps,
    createdFrom: created?.gte !== undefined ? new Date(created.gte) : undefined,
    createdTo: created?.lte !== undefined ? new Date(created.lte) : undefined,
  };
  const found: string[] = [];
  let after: { createdAt: Date; id: string } | null = null;
  for (let scanned = 0; scanned < MAX_SCANNED && found.length < page.offset + page.limit; ) {
    const rows = await deps.search.candidates(filter, after, CHUNK);
    for (const r of rows) {
      const person = r.personEnc ? deps.box.decryptJson<Person>(r.personEnc) : null;
      if (matches(person, s)) found.push(r.id);
    }
    scanned += rows.length;
    if (rows.length < CHUNK) break;
    after = rows[rows.length - 1];
  }
  const results = [];
  for (const id of found.slice(page.offset, page.offset + page.limit)) {
    const v = await deps.repo.findById(id);
    if (!v) continue; // erased meanwhile
    let program = programs.get(v.programId);
    if (!program) {
      program = await deps.programs.load(v.programId, principal.accountId);
      programs.set(program.id, program);
    }
    results.push(await respond(deps, v, program));
  }
  return { results };
}
