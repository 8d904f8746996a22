import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { VerificationsDeps } from '../app/deps.ts';
import { type SearchRequest, searchVerifications } from '../app/search-verifications.ts';
import { strictBody } from '../../../platform/http/strict-body.ts';
import { STEPS, VerificationResponse } from './responses.ts';

const HEX24 = /^[0-9a-f]{24}$/;
const text = (name: string, max = 320) =>
  z
    .string({ error: `Property '${name}' must be a string of at most ${max} characters` })
    .min(1, { error: `Property '${name}' must not be empty` })
    .max(max, { error: `Property '${name}' must be a string of at most ${max} characters` })
    .optional();
const epochMs = (name: string) =>
  z
    .number({ error: `Property '${name}' must be a time in epoch milliseconds` })
    .int({ error: `Property '${name}' must be a time in epoch milliseconds` })
    .min(0, { error: `Property '${name}' must be a time in epoch milliseconds` })
    .max(8.64e15, { error: `Property '${name}' must be a time in epoch milliseconds` })
    .optional();
const id = (name: string) =>
  z
    .string({ error: `Property '${name}' must be an id of 24 hexadecimal characters` })
    .regex(HEX24, { error: `Property '${name}' must be an id of 24 hexadecimal characters` })
    .optional();

/** The body of `POST /rest/v2/verification/search` (SheerID §2.2); every criterion optional, all must hold. */
export const SearchBody = strictBody({
  search: strictBody(
    {
      email: text('search.email'),
      name: strictBody({ first: text('search.name.first', 100), last: text('search.name.last', 100) }, 'search.name').optional(),
      externalUserId: text('search.externalUserId', 200),
      phoneNumber: text('search.phoneNumber', 40),
      verificationId: id('search.verificationId'),
    },
    'search',
  ).optional(),
  filter: strictBody(
    {
      programId: id('filter.programId'),
      steps: z
        .array(z.enum(STEPS, { error: "Property 'filter.steps' must list steps such as success or docUpload" }), {
          error: "Property 'filter.steps' must list steps such as success or docUpload",
        })
        .max(STEPS.length, { error: "Property 'filter.steps' lists too many steps" })
        .optional(),
      created: strictBody({ gte: epochMs('filter.created.gte'), lte: epochMs('filter.created.lte') }, 'filter.created').optional(),
    },
    'filter',
  ).optional(),
}).meta({
  examples: [{ search: { email: 'jane@example.edu' }, filter: { steps: ['success'], created: { gte: 1704067200000 } } }],
}) satisfies z.ZodType<SearchRequest>;

const PAGE = 'limit must be a whole number from 1 to 100, offset a whole number from 0 to 10000';
const SearchPage = z.strictObject(
  {
    limit: z.coerce
      .number({ error: PAGE })
      .int({ error: PAGE })
      .min(1, { error: PAGE })
      .max(100, { error: PAGE })
      .default(50)
      .meta({ description: 'Matches per page (default 50)' }),
    offset: z.coerce
      .number({ error: PAGE })
      .int({ error: PAGE })
      .min(0, { error: PAGE })
      .max(10_000, { error: PAGE })
      .default(0)
      .meta({ description: 'Matches to skip' }),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys' ? `Unexpected query parameter '${issue.keys[0]}', expected one of: limit, offset` : undefined,
  },
);

const SearchResults = z
  .strictObject({ results: z.array(VerificationResponse).max(100) })
  .meta({ description: "The account's matching verifications, newest first, each in its current step" });

/** Searching an account's verifications (SheerID §2.2), for those who answer its customers. */
export function registerSearchRoutes(root: FastifyInstance, deps: VerificationsDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();
  app.post(
    '/rest/v2/verification/search',
    {
      schema: {
        tags: ['eligibility'],
        summary: "Search the account's verifications by person and filters",
        security: [{ bearer: [] }],
        querystring: SearchPage,
        body: SearchBody,
        response: { 200: SearchResults, ...eligibilityErrorResponses },
      },
      config: rails({ access: ['VERIFIER', 'REVIEWER'], limit: 'none', idempotency: 'read', audit: audited('verification.search') }),
    },
    async (req) => searchVerifications(deps, callerOf(req), req.body, req.query),
  );
}
