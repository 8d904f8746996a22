import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { eligibilityErrorResponses } from '../../../platform/http/error-schemas.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import type { AddSchoolAppDeps } from '../app/deps.ts';
import { requestSchool } from '../app/request-school.ts';
import { addSchoolQueue, decideAddSchool } from '../app/review.ts';
import { searchSchools } from '../app/search-schools.ts';
import {
  AddSchoolBody,
  AddSchoolDecided,
  AddSchoolDecisionBody,
  AddSchoolQueue,
  DomainSearchBody,
  NameSearchBody,
  NoContent,
  QueueQuery,
  SchoolMatches,
} from './schemas.ts';

const errors = eligibilityErrorResponses;
const security = [{ bearer: [] }];
const RequestParams = z.object({
  requestId: z.string().max(100, { error: "Path parameter 'requestId' must be at most 100 characters" }),
});

/**
 * Add-school (SheerID §2.7): public routes the person's form calls (search before asking, then ask), and
 * the review of the requests by the program's account (REVIEWER role), beside the document review queue.
 */
export function registerAddSchoolRoutes(root: FastifyInstance, deps: AddSchoolAppDeps) {
  const app = root.withTypeProvider<ZodTypeProvider>();

  app.post(
    '/rest/v2/organization/addSchool',
    {
      schema: {
        tags: ['eligibility'],
        summary: 'Ask for a school the organization search does not find',
        body: AddSchoolBody,
        response: { 204: NoContent, ...errors },
      },
      config: rails({
        access: 'anyone',
        limit: 'create',
        idempotency: 'change',
        audit: audited('add-school.request', 'program', 'body.programId'),
      }),
    },
    async (req, reply) => {
      await requestSchool(deps, req.body, req.principal?.accountId ?? null);
      return reply.status(204).send(null);
    },
  );

  for (const [by, body] of [
    ['domain', DomainSearchBody],
    ['name', NameSearchBody],
  ] as const) {
    app.post(
      `/rest/v2/organization/addSchool/search/${by}`,
      {
        schema: {
          tags: ['eligibility'],
          summary: `Known organizations with a school's ${by}, split by whether the program accepts them`,
          body,
          response: { 200: SchoolMatches, ...errors },
        },
        config: rails({ access: 'anyone', limit: 'none', idempotency: 'read', audit: audited(`add-school.search-${by}`) }),
      },
      async (req) => searchSchools(deps, req.body, req.principal?.accountId ?? null),
    );
  }

  app.get(
    '/rest/v2/review/addSchool',
    {
      schema: {
        tags: ['review'],
        summary: 'Add-school requests awaiting review, oldest first',
        security,
        querystring: QueueQuery,
        response: { 200: AddSchoolQueue, ...errors },
      },
      config: rails({ access: ['REVIEWER'], limit: 'none', audit: audited('add-school.read-queue') }),
    },
    async (req) => addSchoolQueue(deps, callerOf(req).accountId, req.query.limit),
  );

  app.post(
    '/rest/v2/review/addSchool/:requestId/decision',
    {
      schema: {
        tags: ['review'],
        summary: "Approve (the school joins the account's organizations) or reject an add-school request, once",
        security,
        params: RequestParams,
        body: AddSchoolDecisionBody,
        response: { 200: AddSchoolDecided, ...errors },
      },
      config: rails({
        access: ['REVIEWER'],
        limit: 'none',
        idempotency: 'change',
        audit: audited('add-school.decide', 'add-school-request', 'params.requestId'),
      }),
    },
    async (req) => {
      const principal = callerOf(req);
      return decideAddSchool(deps, {
        accountId: principal.accountId,
        requestId: req.params.requestId,
        decision: req.body.decision,
        note: req.body.note,
        decidedBy: principal.tokenId,
      });
    },
  );
}
