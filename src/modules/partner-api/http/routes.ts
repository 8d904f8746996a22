import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { PartnerApiContext } from '../app/deps.ts';
import { partnerLogin } from '../app/login.ts';
import {
  archive,
  changePartnerProgram,
  createPartnerProgram,
  getPartnerProgram,
  launch,
  listPartnerPrograms,
  listSegments,
  unlaunch,
  withFields,
  type ProgramChangeKind,
} from '../app/programs.ts';
import type { Program } from '../../programs/index.ts';
import {
  AudienceBody,
  CreateProgramBody,
  LoginAnswer,
  LoginBody,
  NameBody,
  NoBody,
  PartnerProgram,
  ProgramParams,
  SegmentDescription,
  UpdateProgramBody,
} from './schemas.ts';
import { registerPartnerWebhookRoutes } from './webhook-routes.ts';

const tags = ['eligibility'];
const security = [{ bearer: [] }];
const errors = eligibilityErrorResponses;
const READ = rails({ access: ['ADMIN'], limit: 'none', audit: 'none' });
const change = (action: string) =>
  rails({ access: ['ADMIN'], limit: 'create', idempotency: 'change', audit: audited(action, 'program', 'params.programId') });

/**
 * SheerID's partner ("OEM") API under `/rest/oem`: a partner platform logs in with the account's OAuth
 * client, then manages the account's programs and their webhooks. Every route but the login needs an
 * ADMIN token of the account; another account's program answers as unknown (noProgram). Errors in the
 * eligibility dialect, as everywhere under `/rest`.
 */
export function registerPartnerRoutes(root: FastifyInstance, deps: PartnerApiContext) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/oem/login',
    {
      schema: {
        tags,
        summary: "Exchange the account's OAuth client credentials for a bearer token (shown once)",
        body: LoginBody,
        response: { 200: LoginAnswer, ...errors },
      },
      config: rails({
        access: 'anyone',
        limit: 'auth',
        idempotency: 'exchange',
        audit: audited('partner.login', 'oauth-client', 'body.username'),
      }),
    },
    async (req, reply) => reply.header('cache-control', 'no-store').send(await partnerLogin(deps, req.body)),
  );

  app.get(
    '/rest/oem/segments',
    {
      schema: {
        tags,
        summary: 'The segments a program can be created for',
        security,
        response: { 200: z.array(SegmentDescription), ...errors },
      },
      config: READ,
    },
    async () => listSegments(),
  );

  app.get(
    '/rest/oem/program',
    {
      schema: { tags, summary: "The account's programs", security, response: { 200: z.array(PartnerProgram), ...errors } },
      config: READ,
    },
    async (req) => listPartnerPrograms(deps, callerOf(req).accountId),
  );

  app.post(
    '/rest/oem/program',
    {
      schema: {
        tags,
        summary: 'Create a program (in test mode)',
        security,
        body: CreateProgramBody,
        response: { 200: PartnerProgram, ...errors },
      },
      config: rails({
        access: ['ADMIN'],
        limit: 'create',
        idempotency: 'change',
        audit: audited('partner.program.create', 'program', 'response.id'),
      }),
    },
    async (req) => createPartnerProgram(deps, callerOf(req).accountId, req.body),
  );

  app.get(
    '/rest/oem/program/:programId',
    {
      schema: { tags, summary: 'One program', security, params: ProgramParams, response: { 200: PartnerProgram, ...errors } },
      config: READ,
    },
    async (req) => getPartnerProgram(deps, callerOf(req).accountId, req.params.programId),
  );

  /** A POST that changes a program with what its body says. */
  const changing = <B extends z.ZodType>(
    path: string,
    summary: string,
    body: B,
    kind: ProgramChangeKind,
    apply: (p: Program, body: z.output<B>) => Program,
  ) =>
    app.post(
      `/rest/oem/program/:programId${path}`,
      {
        schema: { tags, summary, security, params: ProgramParams, body, response: { 200: PartnerProgram, ...errors } },
        config: change(`partner.program.${kind}`),
      },
      async (req) =>
        changePartnerProgram(deps, callerOf(req).accountId, req.params.programId, kind, (p) => apply(p, req.body as z.output<B>)),
    );

  changing('', 'Change a program', UpdateProgramBody, 'update', withFields);
  changing('/name', 'Rename a program', NameBody, 'name', (p, b) => withFields(p, { name: b.name }));
  changing('/audience', "Change a program's audience (language, countries, sub-segments, ages)", AudienceBody, 'audience', (p, b) =>
    withFields(p, { audience: b }),
  );
  changing('/archive', 'Archive a program: no new verification starts', NoBody, 'archive', archive);
  changing('/launch', 'Launch a program: out of test mode', NoBody, 'launch', launch);
  changing('/unlaunch', 'Unlaunch a program: back to test mode', NoBody, 'unlaunch', unlaunch);

  registerPartnerWebhookRoutes(app, deps);
}
