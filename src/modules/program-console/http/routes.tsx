import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendConsolePage } from '../../../platform/html/console-page.tsx';
import { acceptUploadForms } from '../../../platform/html/upload-form.ts';
import { audited, callerOf, rails } from '../../../platform/http/rails.ts';
import { isAppError } from '../../../shared/errors.ts';
import { loadProgram, rewardCodeStock, setRewardCodeThreshold, uploadRewardCodes } from '../../programs/index.ts';
import type { ProgramConsoleDeps } from '../app/deps.ts';
import { changeSettings, changeTheme, createFromForm, defaultTexts } from '../app/edit-program.ts';
import { importRefusal } from '../domain/import-report.ts';
import { blankForm, type FormFields, formOf } from '../domain/program-form.ts';
import { themeFormOf, themeLocale } from '../domain/theme-form.ts';
import { ProgramConsoleErrors } from '../error-codes.ts';
import { type ImportKind, ImportsPage } from './imports-page.tsx';
import { ListPage } from './list-page.tsx';
import { ProgramFormPage } from './program-form-page.tsx';
import { RewardCodesPage } from './reward-codes-page.tsx';
import { ThemePage } from './theme-page.tsx';

const HIDDEN = { hide: true } as const;
/** The largest upload: a roster of 200,000 people, or 100,000 codes, with room for the form around them. */
const UPLOAD_LIMIT = 24 * 1024 * 1024;

// The roles of the API routes these pages mirror (/manage/v1/programs..., /rest/oem/program...).
const ADMIN = ['ADMIN'] as const;
const READ = rails({ access: ADMIN, limit: 'none', audit: 'none' });
const change = (action: string, ...subject: string[]) =>
  rails({ access: ADMIN, limit: 'none', idempotency: 'change', audit: audited(action, ...subject) });
const PROGRAM = ['program', 'params.id'] as const;

const idOf = (req: FastifyRequest) => (req.params as { id: string }).id;
const fieldsOf = (body: unknown): FormFields =>
  Object.fromEntries(
    Object.entries((body ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
const query = (req: FastifyRequest, name: string) => {
  const v = (req.query as Record<string, unknown>)[name];
  return typeof v === 'string' ? v : '';
};
/** A refusal the person can mend (bad input): shown on the form; others (an unknown program: 404) propagate. */
const mendable = (e: unknown) => isAppError(e) && e.status === 400;
const findingsOf = (e: unknown) => {
  const listed = isAppError(e) && Array.isArray(e.details.findings) ? (e.details.findings as string[]) : null;
  return listed ?? [(e as Error).message];
};
const DONE: Record<string, string> = {
  created: 'The program was created.',
  saved: 'The settings were saved.',
  theme: 'The theme was saved.',
  threshold: 'The warning was saved.',
};

/** The console's program pages, each calling the programs, organizations and rosters modules' use cases. */
export function registerProgramConsoleRoutes(app: FastifyInstance, deps: ProgramConsoleDeps) {
  app.get('/console/programs', { schema: HIDDEN, config: READ }, async (req, reply) => {
    const { accountId } = callerOf(req);
    const programs = await deps.programs.repo.list(accountId);
    const listed = await Promise.all(
      programs.map(async (program) => ({
        program,
        remaining: program.config.offerType === 'rewardPool' ? await deps.programs.repo.remainingRewardCodes(program.id) : null,
      })),
    );
    return sendConsolePage(req, reply, { title: 'Programs', current: 'programs', body: () => <ListPage programs={listed} /> });
  });

  // A new program (as POST /manage/v1/programs).
  const newPage = (req: FastifyRequest, reply: FastifyReply, form: FormFields, findings: string[] | null) =>
    sendConsolePage(req, reply, {
      title: 'New program',
      current: 'programs',
      body: ({ csrf }) => <ProgramFormPage csrf={csrf} program={null} form={form} findings={findings} />,
    });
  app.get('/console/programs/new', { schema: HIDDEN, config: READ }, (req, reply) => newPage(req, reply, blankForm(), null));
  app.post('/console/programs', { schema: HIDDEN, config: change('console.program-created', 'program') }, async (req, reply) => {
    const form = fieldsOf(req.body);
    try {
      const program = await createFromForm(deps, callerOf(req).accountId, form);
      return reply.redirect(`/console/programs/${program.id}?done=created`, 303);
    } catch (e) {
      if (!mendable(e)) throw e;
      return newPage(req, reply.status(400), form, findingsOf(e));
    }
  });

  // A program's settings (changed through changeProgram, judged by the API's ProgramInput).
  const settingsPage = async (req: FastifyRequest, reply: FastifyReply, form: FormFields | null, findings: string[] | null) => {
    const program = await loadProgram(deps.programs, idOf(req), callerOf(req).accountId);
    return sendConsolePage(req, reply, {
      title: program.name,
      current: 'programs',
      body: ({ csrf }) => (
        <ProgramFormPage
          csrf={csrf}
          program={program}
          form={form ?? formOf(program)}
          findings={findings}
          notice={DONE[query(req, 'done')]}
        />
      ),
    });
  };
  app.get('/console/programs/:id', { schema: HIDDEN, config: READ }, (req, reply) => settingsPage(req, reply, null, null));
  app.post('/console/programs/:id', { schema: HIDDEN, config: change('console.program-changed', ...PROGRAM) }, async (req, reply) => {
    const form = fieldsOf(req.body);
    try {
      await changeSettings(deps, callerOf(req).accountId, idOf(req), form);
      return reply.redirect(`/console/programs/${idOf(req)}?done=saved`, 303);
    } catch (e) {
      if (!mendable(e)) throw e;
      return settingsPage(req, reply.status(400), form, findingsOf(e));
    }
  });

  // The theme: messages per locale and the look, previewed in the hosted form.
  const themePage = async (req: FastifyRequest, reply: FastifyReply, form: FormFields | null, findings: string[] | null) => {
    const program = await loadProgram(deps.programs, idOf(req), callerOf(req).accountId);
    const locale = themeLocale(query(req, 'locale'));
    return sendConsolePage(req, reply, {
      title: `${program.name}: theme`,
      current: 'programs',
      body: ({ csrf }) => (
        <ThemePage
          csrf={csrf}
          program={program}
          locale={locale}
          defaults={defaultTexts(locale)}
          form={form ?? themeFormOf(program, locale)}
          findings={findings}
          notice={DONE[query(req, 'done')] ?? null}
        />
      ),
    });
  };
  app.get('/console/programs/:id/theme', { schema: HIDDEN, config: READ }, (req, reply) => themePage(req, reply, null, null));
  app.post(
    '/console/programs/:id/theme',
    { schema: HIDDEN, config: change('console.program-theme-changed', ...PROGRAM) },
    async (req, reply) => {
      const form = fieldsOf(req.body);
      const locale = themeLocale(query(req, 'locale'));
      try {
        await changeTheme(deps, callerOf(req).accountId, idOf(req), locale, form);
        return reply.redirect(`/console/programs/${idOf(req)}/theme?locale=${locale}&done=theme`, 303);
      } catch (e) {
        if (!mendable(e)) throw e;
        return themePage(req, reply.status(400), form, findingsOf(e));
      }
    },
  );

  // Reward codes: the pool (as POST /manage/v1/programs/{id}/reward-codes) and its low-stock warning.
  const codesPage = async (req: FastifyRequest, reply: FastifyReply, findings: string[] | null, threshold?: string) => {
    const { program, remaining, alert } = await rewardCodeStock(deps.programs, callerOf(req).accountId, idOf(req));
    const added = query(req, 'added');
    const notice = /^\d+$/.test(added) ? `${Number(added).toLocaleString('en')} new codes were added.` : (DONE[query(req, 'done')] ?? null);
    return sendConsolePage(req, reply, {
      title: `${program.name}: reward codes`,
      current: 'programs',
      body: ({ csrf }) => (
        <RewardCodesPage
          csrf={csrf}
          program={program}
          remaining={remaining}
          alert={alert}
          threshold={threshold ?? (alert ? String(alert.threshold) : '')}
          findings={findings}
          notice={findings ? null : notice}
        />
      ),
    });
  };
  app.get('/console/programs/:id/reward-codes', { schema: HIDDEN, config: READ }, (req, reply) => codesPage(req, reply, null));
  app.post(
    '/console/programs/:id/reward-codes/threshold',
    { schema: HIDDEN, config: change('console.reward-code-warning-set', ...PROGRAM) },
    async (req, reply) => {
      const typed = (fieldsOf(req.body).threshold ?? '').trim();
      try {
        if (typed !== '' && !/^\d{1,9}$/.test(typed)) throw ProgramConsoleErrors.badThreshold();
        await setRewardCodeThreshold(deps.programs, callerOf(req).accountId, idOf(req), typed === '' ? null : Number(typed));
        return reply.redirect(`/console/programs/${idOf(req)}/reward-codes?done=threshold`, 303);
      } catch (e) {
        if (!mendable(e)) throw e;
        return codesPage(req, reply.status(400), findingsOf(e), typed);
      }
    },
  );

  // Organization and roster imports (as POST /manage/v1/organizations/import and /manage/v1/roster/import).
  const importsPage = (req: FastifyRequest, reply: FastifyReply, refused: Parameters<typeof ImportsPage>[0]['refused']) => {
    const [kind, count] = [query(req, 'imported'), query(req, 'count')];
    const notice =
      (kind === 'organizations' || kind === 'roster') && /^\d+$/.test(count)
        ? `Imported ${Number(count).toLocaleString('en')} ${kind === 'roster' ? 'people into the roster' : 'organizations'}${query(req, 'replaced') === 'true' ? ', replacing the roster' : ''}.`
        : null;
    return sendConsolePage(req, reply, {
      title: 'Import organizations and rosters',
      current: 'programs',
      body: ({ csrf }) => <ImportsPage csrf={csrf} notice={refused ? null : notice} refused={refused} />,
    });
  };
  app.get('/console/programs/imports', { schema: HIDDEN, config: READ }, (req, reply) => importsPage(req, reply, null));

  app.register(async (scope) => {
    acceptUploadForms(scope, { bodyLimit: UPLOAD_LIMIT, unreadable: ProgramConsoleErrors.unreadableForm });
    scope.post(
      '/console/programs/:id/reward-codes',
      { schema: HIDDEN, config: change('console.reward-codes-uploaded', ...PROGRAM) },
      async (req, reply) => {
        try {
          const csv = fieldsOf(req.body).file ?? '';
          if (csv.trim() === '') throw ProgramConsoleErrors.noCsv();
          const { added } = await uploadRewardCodes(deps.programs, callerOf(req).accountId, idOf(req), csv);
          return reply.redirect(`/console/programs/${idOf(req)}/reward-codes?added=${added}`, 303);
        } catch (e) {
          if (!mendable(e)) throw e;
          return codesPage(req, reply.status(400), findingsOf(e));
        }
      },
    );

    const importRoute = (
      kind: ImportKind,
      run: (accountId: string, csv: string, form: FormFields) => Promise<{ imported: number; replaced?: boolean }>,
    ) =>
      scope.post(
        `/console/programs/imports/${kind}`,
        { schema: HIDDEN, config: change(kind === 'roster' ? 'console.roster-imported' : 'console.organizations-imported') },
        async (req, reply) => {
          const form = fieldsOf(req.body);
          try {
            if ((form.file ?? '').trim() === '') throw ProgramConsoleErrors.noCsv();
            const done = await run(callerOf(req).accountId, form.file, form);
            return reply.redirect(
              `/console/programs/imports?imported=${kind}&count=${done.imported}&replaced=${done.replaced === true}`,
              303,
            );
          } catch (e) {
            const refusal = importRefusal(e);
            if (!refusal) throw e;
            return importsPage(req, reply.status(400), { kind, refusal });
          }
        },
      );
    importRoute('organizations', (accountId, csv) => deps.importOrganizations(accountId, csv));
    importRoute('roster', (accountId, csv, form) => deps.importRoster(accountId, csv, form.replace === 'on'));
  });
}
