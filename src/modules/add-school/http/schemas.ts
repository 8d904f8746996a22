import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { asciiMailAddress } from '../../../shared/email.ts';
import { isOneLine } from '../../../shared/names.ts';
import { isCountryCode, normalizeDomain, ORGANIZATION_TYPES } from '../../organizations/index.ts';
import { MAX_NOTE_LENGTH, MAX_PERSON_NAME_LENGTH, MAX_SCHOOL_NAME_LENGTH, MAX_TRACKING_ID_LENGTH } from '../domain/add-school-request.ts';

// Bodies of the eligibility dialect: each finding is its own sentence naming the property (given as
// `systemErrorMessage` with the errorId `invalidRequest`).

/** A string property: `read` gives its value as kept, or null when it is wrong, with one sentence for every way it can be. */
const checked = (message: string, max: number, read: (v: string) => string | null) =>
  z
    .string({ error: message })
    .max(max, { error: message })
    .transform((v, ctx) => {
      const value = read(v);
      if (value === null) {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      return value;
    });

/** Trimmed text of 1 to `max` characters on one line. */
const oneLine = (max: number) => (v: string) => {
  const t = v.trim().replace(/\s+/g, ' ');
  return t.length >= 1 && t.length <= max && isOneLine(v.trim()) ? t : null;
};
const name = (property: string, max: number) =>
  checked(`Property '${property}' is required: a name of 1 to ${max} characters on one line`, max, oneLine(max));

const email = checked("Property 'email' is required: an email address such as jane@example.edu", 254, (v) => {
  const read = asciiMailAddress(v.trim());
  return 'address' in read ? read.address : null;
});

/** The school's domain: a host name, kept in lower case without a final dot or a leading `www.`. */
const schoolDomain = checked(
  "Property 'schoolDomain' is required: the school's domain name, such as example.edu (no scheme, path or port)",
  // A host name is at most 253 characters; room for `www.` and a final dot, which are dropped.
  258,
  (v) => normalizeDomain(v.trim().replace(/^www\./i, '')),
);

const schoolCountry = checked("Property 'schoolCountry' is required: an ISO 3166 alpha-2 country code such as 'US'", 2, (v) =>
  /^[A-Z]{2}$/.test(v) && isCountryCode(v) ? v : null,
);

const programId = z
  .string({ error: "Property 'programId' is required and must be a string" })
  .max(100, { error: "Property 'programId' must be at most 100 characters" });

const trackingId = checked(
  `Property 'trackingId' must be a string of 1 to ${MAX_TRACKING_ID_LENGTH} characters on one line`,
  MAX_TRACKING_ID_LENGTH,
  (v) => (v.length >= 1 && isOneLine(v) ? v : null),
);

const schoolName = name('schoolName', MAX_SCHOOL_NAME_LENGTH);

/** `POST /rest/v2/organization/addSchool`. */
export const AddSchoolBody = strictBody({
  firstName: name('firstName', MAX_PERSON_NAME_LENGTH).meta({ examples: ['Randy'] }),
  lastName: name('lastName', MAX_PERSON_NAME_LENGTH).meta({ examples: ['Random'] }),
  email: email.meta({ description: "The person's email address (kept encrypted)", examples: ['randy@quillmere.edu'] }),
  programId: programId.meta({ description: 'The program the person wants to verify for', examples: ['5d4a5d2a7b9ca962e0b6a901'] }),
  schoolName: schoolName.meta({ examples: ['Quillmere College'] }),
  schoolDomain: schoolDomain.meta({ examples: ['quillmere.edu'] }),
  schoolCountry: schoolCountry.meta({ examples: ['US'] }),
  trackingId: trackingId.optional().meta({ description: "The integrator's own id for the person, kept with the request" }),
}).meta({
  description: 'A school the person did not find, for the program’s account to review',
  examples: [
    {
      firstName: 'Randy',
      lastName: 'Random',
      email: 'randy@quillmere.edu',
      programId: '5d4a5d2a7b9ca962e0b6a901',
      schoolName: 'Quillmere College',
      schoolDomain: 'quillmere.edu',
      schoolCountry: 'US',
    },
  ],
});

/** `POST /rest/v2/organization/addSchool/search/domain`. */
export const DomainSearchBody = strictBody({ programId, schoolDomain, schoolCountry }).meta({
  description: 'The school’s domain and country',
  examples: [{ programId: '5d4a5d2a7b9ca962e0b6a901', schoolDomain: 'stanford.edu', schoolCountry: 'US' }],
});

/** `POST /rest/v2/organization/addSchool/search/name`. */
export const NameSearchBody = strictBody({ programId, schoolName, schoolCountry }).meta({
  description: 'The school’s name (or part of it) and country',
  examples: [{ programId: '5d4a5d2a7b9ca962e0b6a901', schoolName: 'Stanford', schoolCountry: 'US' }],
});

const Organization = z
  .object({
    id: z.int(),
    name: z.string(),
    type: z.string().meta({ description: `One of ${ORGANIZATION_TYPES.join(', ')}` }),
    country: z.string().nullable().meta({ description: 'ISO 3166 alpha-2; null when unknown' }),
    domain: z.string().nullable(),
  })
  .meta({ description: 'An organization' });

export const SchoolMatches = z
  .object({
    eligible: z.array(Organization).meta({ description: 'Known organizations the program accepts: the person can pick one' }),
    ineligible: z
      .array(Organization)
      .meta({ description: "Known organizations the program does not accept (type, country or excluded): asking to add them won't help" }),
    errorIds: z.array(z.string()).meta({ description: 'Always empty: an error is answered in the error shape' }),
  })
  .meta({
    description: 'Organizations already known with that domain or name',
    examples: [
      {
        eligible: [{ id: 5309774945, name: 'Stanford University', type: 'UNIVERSITY', country: 'US', domain: 'stanford.edu' }],
        ineligible: [],
        errorIds: [],
      },
    ],
  });

export const NoContent = z.null().meta({ description: 'Received; no body' });

const QUEUE_LIMIT = "Query parameter 'limit' must be a whole number from 1 to 200";
export const QueueQuery = z.object({
  limit: z.coerce.number({ error: QUEUE_LIMIT }).int(QUEUE_LIMIT).min(1, QUEUE_LIMIT).max(200, QUEUE_LIMIT).default(50),
});

export const AddSchoolQueue = z
  .array(
    z.object({
      requestId: z.string(),
      programId: z.string(),
      created: z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' }),
      trackingId: z.string().nullable(),
      person: z.object({ firstName: z.string(), lastName: z.string(), email: z.string() }),
      school: z.object({ name: z.string(), domain: z.string(), country: z.string() }),
    }),
  )
  .meta({ description: 'Pending add-school requests, oldest first' });

const DECISIONS = "Property 'decision' is required: APPROVE or REJECT";
export const AddSchoolDecisionBody = strictBody({
  decision: z.enum(['APPROVE', 'REJECT'], { error: DECISIONS }),
  note: z
    .string({ error: `Property 'note' must be a string of at most ${MAX_NOTE_LENGTH} characters` })
    .max(MAX_NOTE_LENGTH, { error: `Property 'note' must be a string of at most ${MAX_NOTE_LENGTH} characters` })
    .optional()
    .meta({ description: "The reviewer's note (kept encrypted)" }),
}).meta({ description: 'The decision', examples: [{ decision: 'APPROVE' }, { decision: 'REJECT', note: 'Not an accredited school' }] });

export const AddSchoolDecided = z
  .object({
    requestId: z.string(),
    programId: z.string(),
    status: z.enum(['APPROVED', 'REJECTED']),
    decided: z.number().meta({ description: 'Milliseconds since 1970-01-01 UTC' }),
    organization: Organization.nullable().meta({
      description: "Approved: the account's organization the school is now (added, or one of the same domain and type already there)",
    }),
  })
  .meta({ description: 'The request as decided' });
