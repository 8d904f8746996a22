import { DAILY_REQUESTS_PER_PROGRAM, sameRequestKey, secondsToNextUtcDay, utcDay } from '../domain/add-school-request.ts';
import { AddSchoolErrors } from '../error-codes.ts';
import type { AddSchoolAppDeps } from './deps.ts';

/** An add-school request as the route has read it: every field checked and normalized. */
export interface SchoolRequest {
  firstName: string;
  lastName: string;
  email: string;
  programId: string;
  schoolName: string;
  /** Lower case, without a final dot or a leading `www.`. */
  schoolDomain: string;
  schoolCountry: string;
  trackingId?: string;
}

/** The person as kept (encrypted) with a request. */
export interface RequestPerson {
  firstName: string;
  lastName: string;
  email: string;
}

/**
 * Stores a person's request for a school the program's search does not find, for review by the program's
 * account. The same email and school domain for the program are stored once (a repeat changes nothing);
 * a program takes at most DAILY_REQUESTS_PER_PROGRAM requests per UTC day. The person is encrypted.
 */
export async function requestSchool(deps: AddSchoolAppDeps, input: SchoolRequest, callerAccountId: string | null): Promise<void> {
  const program = await deps.loadProgram(input.programId, callerAccountId);
  const now = deps.clock.now();
  const person: RequestPerson = { firstName: input.firstName, lastName: input.lastName, email: input.email };
  const outcome = await deps.repo.store(
    {
      id: deps.ids.hex24(),
      accountId: program.accountId,
      programId: program.id,
      requestKey: deps.box.digest(sameRequestKey(input.email, input.schoolDomain)),
      personEnc: deps.box.encryptJson(person),
      schoolName: input.schoolName,
      schoolDomain: input.schoolDomain,
      schoolCountry: input.schoolCountry,
      trackingId: input.trackingId ?? null,
      createdAt: now,
    },
    utcDay(now),
    DAILY_REQUESTS_PER_PROGRAM,
  );
  if (outcome === 'capped') throw AddSchoolErrors.dailyLimitReached(program.id, secondsToNextUtcDay(now));
}
