import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audited, callerOf, OPEN_READ, rails } from '../../../platform/http/rails.ts';
import { createProgram, presentProgram } from '../app/create-program.ts';
import type { ProgramsDeps } from '../app/deps.ts';
import { uploadRewardCodes } from '../app/reward-codes.ts';
import { getTheme, loadProgram, searchProgramOrganizations, type OrganizationSearch } from '../app/theme-and-search.ts';

const ProgramParams = z.object({ programId: z.string().max(100) });

export function registerProgramRoutes(root: FastifyInstance, deps: ProgramsDeps, search: OrganizationSearch) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.get(
    '/rest/v2/program/:programId/theme',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Program theme',
        params: ProgramParams,
        querystring: z.object({ locale: z.string().max(20).optional() }),
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
        querystring: z.object({ name: z.string().max(200).default(''), country: z.string().max(1000).optional() }),
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

  app.post(
    '/manage/v1/programs',
    {
      schema: { tags: ['management'], summary: 'Create a program', security: [{ bearer: [] }] },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('program.create', 'program', 'response.id', 'response.programId'),
      }),
    },
    async (req, reply) => {
      const p = callerOf(req);
      return reply.status(201).send(presentProgram(await createProgram(deps, p.accountId, req.body)));
    },
  );

  app.get(
    '/manage/v1/programs',
    { schema: { tags: ['management'], security: [{ bearer: [] }] }, config: rails({ access: ['ADMIN'], limit: 'none', audit: 'none' }) },
    async (req) => {
      const p = callerOf(req);
      return (await deps.repo.list(p.accountId)).map(presentProgram);
    },
  );

  app.get(
    '/manage/v1/programs/:programId',
    {
      schema: { tags: ['management'], params: ProgramParams, security: [{ bearer: [] }] },
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
        security: [{ bearer: [] }],
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
}
