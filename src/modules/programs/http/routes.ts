import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses, problemResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import { presentProgram, storeProgram } from '../app/create-program.ts';
import type { ProgramsDeps } from '../app/deps.ts';
import { searchOrganizationsForForm } from '../app/org-search.ts';
import { uploadRewardCodes } from '../app/reward-codes.ts';
import { deleteVerificationLimit, setVerificationLimit } from '../app/verification-limit.ts';
import { getTheme, loadProgram, searchProgramOrganizations, type OrganizationSearch } from '../app/theme-and-search.ts';
import { ProgramInput } from '../domain/program.ts';
import { csvText, OrganizationMatches, ProgramResponse, RewardCodesAdded, Theme } from './schemas.ts';
import { VerificationLimitBody, VerificationLimitDeleted, VerificationLimitSet } from './verification-limit-schemas.ts';

// The eligibility dialect gives a finding as its own sentence, so each one names what it is about.
const within = (what: string, max: number) => ({ error: `${what} must be at most ${max} characters` });
const ProgramParams = z.object({ programId: z.string().max(100, within("Path parameter 'programId'", 100)) });
const security = [{ bearer: [] }];

export function registerProgramRoutes(root: FastifyInstance, deps: ProgramsDeps, search: OrganizationSearch) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/rest/v2/program/:programId/theme',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Program theme',
        params: ProgramParams,
        querystring: z.object({ locale: z.string().max(20, within("Query parameter 'locale'", 20)).optional() }),
        response: { 200: Theme, ...eligibilityErrorResponses },
      },
      config: rails(OPEN_READ),
    },
    async (req) => getTheme(deps, req.params.programId, req.query.locale, req.principal?.accountId),
  );

  app.get(
    '/rest/v2/program/:programId/organization',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Search organizations a program accepts',
        params: ProgramParams,
        querystring: z.object({
          name: z.string().max(200, within("Query parameter 'name'", 200)).default(''),
          country: z.string().max(1000, within("Query parameter 'country'", 1000)).optional(),
        }),
        response: { 200: OrganizationMatches, ...eligibilityErrorResponses },
      },
      config: rails(OPEN_READ),
    },
    async (req) =>
      searchProgramOrganizations(deps, search, {
        programId: req.params.programId,
        name: req.query.name,
        country: req.query.country,
        callerAccountId: req.principal?.accountId,
      }),
  );

  // Where the theme's `config.orgSearchUrl` points: the query shape of SheerID's orgsearch service, which
  // clients call with the person's text appended (the URL ends with `name=`).
  const list = (what: string) =>
    z
      .union([z.string(), z.array(z.string())], { error: `Query parameter '${what}' must be a comma-separated list` })
      .optional()
      .refine((v) => [v ?? []].flat().join(',').length <= 1000, within(`Query parameter '${what}'`, 1000));
  app.get(
    '/rest/organization/search',
    {
      schema: {
        tags: ['eligibility'],
        summary: "Search organizations (the theme's orgSearchUrl)",
        querystring: z.object({
          name: z
            .string({ error: "Query parameter 'name' is required" })
            .max(200, within("Query parameter 'name'", 200))
            .meta({ description: 'What the person typed; an empty name finds nothing' }),
          country: list('country').meta({ description: 'ISO 3166 alpha-2 codes, comma-separated (`US,CA`)' }),
          type: list('type').meta({ description: 'Organization types, comma-separated (`UNIVERSITY,POST_SECONDARY`)' }),
          programId: z.string().max(100, within("Query parameter 'programId'", 100)).optional().meta({
            description:
              "Vouch: the program searched for (the theme's URL names it): its account's organizations, countries, types and exclusions",
          }),
        }),
        response: { 200: OrganizationMatches, ...eligibilityErrorResponses },
      },
      config: rails(OPEN_READ),
    },
    async (req) => searchOrganizationsForForm(deps, search, { ...req.query, callerAccountId: req.principal?.accountId }),
  );

  app.post(
    '/manage/v1/programs',
    {
      schema: {
        tags: ['management'],
        summary: 'Create a program',
        security,
        body: ProgramInput,
        response: { 201: ProgramResponse, ...problemResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('program.create', 'program', 'response.id', 'response.programId'),
      }),
    },
    async (req, reply) => {
      const p = callerOf(req);
      return reply.status(201).send(presentProgram(await storeProgram(deps, p.accountId, req.body)));
    },
  );

  app.get(
    '/manage/v1/programs',
    {
      schema: {
        tags: ['management'],
        summary: "The account's programs",
        security,
        response: { 200: z.array(ProgramResponse).meta({ description: 'The programs' }), ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => {
      const p = callerOf(req);
      return (await deps.repo.list(p.accountId)).map(presentProgram);
    },
  );

  app.get(
    '/manage/v1/programs/:programId',
    {
      schema: {
        tags: ['management'],
        summary: 'One program',
        params: ProgramParams,
        security,
        response: { 200: ProgramResponse, ...problemResponses },
      },
      config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }),
    },
    async (req) => {
      const p = callerOf(req);
      return presentProgram(await loadProgram(deps, req.params.programId, p.accountId));
    },
  );

  app.post(
    '/manage/v1/programs/:programId/reward-codes',
    {
      schema: {
        tags: ['management'],
        summary: 'Add single-use reward codes (text/csv)',
        params: ProgramParams,
        security,
        consumes: ['text/csv', 'text/plain'],
        body: csvText('Send the codes as text/csv, one code per line', 'code\nSPRING-0001\nSPRING-0002\n'),
        response: { 200: RewardCodesAdded, ...problemResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('program.add-reward-codes', 'program', 'params.programId'),
      }),
    },
    async (req) => {
      const p = callerOf(req);
      return uploadRewardCodes(deps, p.accountId, req.params.programId, req.body);
    },
  );

  // SheerID's same-person limit (enforced on each person step by the verifications module).
  app.post(
    '/rest/v2/program/:programId/verificationLimit',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Limit how many verifications of the program the same person may make (one limit per program)',
        params: ProgramParams,
        body: VerificationLimitBody,
        security,
        response: { 200: VerificationLimitSet, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('program-verification-limit.set', 'program', 'params.programId'),
      }),
    },
    async (req) => setVerificationLimit(deps, callerOf(req).accountId, req.params.programId, req.body),
  );

  app.delete(
    '/rest/v2/program/:programId/verificationLimit',
    {
      schema: {
        tags: ['eligibility'],
        summary: "Delete the program's same-person verification limit",
        params: ProgramParams,
        security,
        response: { 200: VerificationLimitDeleted, ...eligibilityErrorResponses },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'none',
        audit: audited('program-verification-limit.delete', 'program', 'params.programId'),
      }),
    },
    async (req) => deleteVerificationLimit(deps, callerOf(req).accountId, req.params.programId),
  );
}
