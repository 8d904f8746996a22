import { z } from 'zod';

// The audit log's answer. Objects are loose, so that a property an entry gains later is sent rather than
// dropped by the serializer.

const digest = (what: string) => z.string().nullable().meta({ description: what });

/** One entry: who did what to which subject, with what outcome, from where. Ids and digests only. */
const AuditEntry = z.looseObject({
  id: z.string().meta({ description: 'The entry; a later page starts after the last id of this one' }),
  at: z.string().meta({ format: 'date-time', description: 'When the request was answered (UTC)' }),
  action: z.string().meta({ description: 'The route’s audit action, e.g. `verification.start`, `document.read`, `file.create`' }),
  actor: z
    .looseObject({
      type: z.string().meta({ enum: ['token', 'link', 'transaction-key', 'oauth-client', 'anonymous', 'system'] }),
      id: digest(
        'The token id, OAuth client id, or the first 16 characters of the SHA-256 of a link token or transaction key; null when anonymous',
      ),
    })
    .meta({ description: 'Who sent the request' }),
  subject: z
    .looseObject({ type: z.string().nullable(), id: z.string() })
    .nullable()
    .meta({ description: 'What the request was about (a verification, document, program ...), when the route names it' }),
  outcome: z.int().meta({ description: 'The HTTP status of the answer' }),
  method: z.string(),
  route: z.string().meta({ description: 'The route, with its path parameters by name (`/rest/v2/verification/:verificationId`)' }),
  ipHash: digest('A keyed digest of the client address (never the address itself)'),
  userAgent: digest('The User-Agent header, at most 256 characters'),
  requestId: digest('The request id, as in the server’s log'),
});

/** `GET /manage/v1/audit`: a page of entries, newest first. */
export const AuditPage = z
  .looseObject({
    entries: z.array(AuditEntry),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page' }),
  })
  .meta({
    description: 'A page of the account’s audit log, newest first',
    examples: [
      {
        entries: [
          {
            id: '42',
            at: '2026-03-24T12:00:00.000Z',
            action: 'program.create',
            actor: { type: 'token', id: '6a1f3c0e9b2d4f5a8c7e1b3d' },
            subject: { type: 'program', id: '9c2e4a6b8d0f1e3c5a7b9d1f' },
            outcome: 201,
            method: 'POST',
            route: '/manage/v1/programs',
            ipHash: 'f22b0627c1e94d3a8b5f7e2c9d4a6b1e',
            userAgent: 'curl/8.5.0',
            requestId: 'req-1',
          },
        ],
        nextCursor: '41',
      },
    ],
  });
