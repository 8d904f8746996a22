import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { callerOf } from '../../../platform/http/rails.ts';
import { hasRole } from '../../../shared/principal.ts';
import type { FilesConsoleDeps } from '../app/deps.ts';
import { clientCount, createBody, emptyClient, type NewFileForm, newFileForm, type Problems, problemsOf } from '../domain/client-form.ts';
import type { FileFilter } from '../infra/file-list-queries.ts';
import { FilePage } from './file-page.tsx';
import { FILTERS, ListPage } from './list-page.tsx';
import { NewFilePage } from './new-file-page.tsx';
import { attempt, change, doneOf, errorsOf, HIDDEN, idOf, personalRead, plainRead } from './rails.ts';

const PAGE_SIZE = 50;
const NO_PROBLEMS: Problems = { list: [], byField: {} };

const FILE_DONE: Record<string, string> = {
  created: 'File opened: each client is sent their link by mail.',
  'created-unsent': 'File opened. No mail was sent: open a client to get a link to deliver yourself.',
  closed: 'File closed: requests still waiting for their client were cancelled.',
  cancelled: 'File cancelled: requests still waiting for their client were cancelled.',
};

const query = (req: FastifyRequest, name: string) => {
  const v = (req.query as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v.at(-1) === 'string' ? (v.at(-1) as string) : '';
};

/** The list of files, the form that opens one, a file's page and its end: through the client-requests use cases. */
export function registerFileRoutes(app: FastifyInstance, deps: FilesConsoleDeps) {
  app.get('/console/files', { schema: HIDDEN, config: plainRead }, async (req, reply) => {
    const p = callerOf(req);
    const status = query(req, 'status');
    const filter: FileFilter = FILTERS.some(([f]) => f === status) ? (status as FileFilter) : 'all';
    const text = query(req, 'q').trim().slice(0, 200);
    const page = Math.min(Math.max(Number.parseInt(query(req, 'page'), 10) || 1, 1), 10_000);
    const rows = await deps.queries.list(p.accountId, { text, filter, limit: PAGE_SIZE + 1, offset: (page - 1) * PAGE_SIZE });
    return sendConsolePage(req, reply, {
      title: 'Client files',
      current: 'files',
      body: () => (
        <ListPage
          files={rows.slice(0, PAGE_SIZE)}
          q={{ text, filter, page }}
          more={rows.length > PAGE_SIZE}
          canCreate={hasRole(p, 'VERIFIER')}
          notice={null}
        />
      ),
    });
  });

  const newPage = (req: FastifyRequest, reply: FastifyReply, form: NewFileForm, problems: Problems) =>
    sendConsolePage(req, reply, {
      title: 'New client file',
      current: 'files',
      body: ({ csrf }) => <NewFilePage csrf={csrf} form={form} problems={problems} />,
    });

  app.get('/console/files/new', { schema: HIDDEN, config: plainRead }, async (req, reply) => {
    const count = clientCount(query(req, 'clients'));
    const form: NewFileForm = {
      reference: '',
      fileName: '',
      fileNumber: '',
      sendLink: true,
      clients: Array.from({ length: count }, emptyClient),
    };
    return newPage(req, reply, form, NO_PROBLEMS);
  });

  // POST /api/client/create-verification-request, its body made from the form and checked by the API's schema.
  app.post('/console/files', { schema: HIDDEN, config: change('console.file-created', 'file') }, async (req, reply) => {
    const form = newFileForm(req.body);
    const { body, blocks } = createBody(form);
    return attempt(
      reply,
      async () => {
        const file = await deps.files.create(callerOf(req).accountId, body);
        return reply.redirect(`/console/files/${file.fileReferenceId}?done=${form.sendLink ? 'created' : 'created-unsent'}`, 303);
      },
      (e) => newPage(req, reply, form, problemsOf(errorsOf(e), blocks)),
    );
  });

  const filePage = async (req: FastifyRequest, reply: FastifyReply, shown: { notice?: string | null; error?: string | null } = {}) => {
    const p = callerOf(req);
    const file = await deps.files.details(p.accountId, idOf(req));
    const ids = file.requests.map((r) => r.clientRequestId);
    const [events, structure, links, activity] = await Promise.all([
      deps.files.events(p.accountId, file.fileReferenceId),
      deps.queries.requestsOf(p.accountId, file.fileReferenceId),
      deps.queries.links(p.accountId, ids),
      deps.queries.activity(p.accountId, ids),
    ]);
    return sendConsolePage(req, reply, {
      title: `File ${file.fileNumber}`,
      current: 'files',
      body: ({ csrf }) => (
        <FilePage
          csrf={csrf}
          file={file}
          created={structure.created}
          replacedBy={new Map(structure.requests.map((r) => [r.id, r.replaced_by]))}
          links={links}
          activity={activity}
          events={events}
          now={deps.clock.now()}
          canChange={hasRole(p, 'VERIFIER')}
          notice={shown.notice ?? null}
          error={shown.error ?? null}
        />
      ),
    });
  };

  app.get('/console/files/:id', { schema: HIDDEN, config: personalRead('console.file-viewed', 'file', 'params.id') }, (req, reply) =>
    filePage(req, reply, { notice: FILE_DONE[doneOf(req)] ?? null }),
  );

  // POST /api/casefile/close and /api/casefile/cancel.
  for (const [path, how, action] of [
    ['close', 'Closed', 'console.file-closed'],
    ['cancel', 'Cancelled', 'console.file-cancelled'],
  ] as const) {
    app.post(`/console/files/:id/${path}`, { schema: HIDDEN, config: change(action, 'file', 'params.id') }, async (req, reply) =>
      attempt(
        reply,
        async () => {
          await deps.files.end(callerOf(req).accountId, idOf(req), how);
          return reply.redirect(`/console/files/${idOf(req)}?done=${how === 'Closed' ? 'closed' : 'cancelled'}`, 303);
        },
        (e) => filePage(req, reply, { error: e.message.replace(/^The file/, 'This file') }),
      ),
    );
  }
}
