import { AppError } from '../../shared/errors.ts';

/** The review desk's error catalog. Under /console each is shown as a page (platform/html/error-page.tsx). */
export const ReviewDeskErrors = {
  /** The desk works for people: a claim and a decision name who made them. */
  personRequired: () => new AppError('personRequired', 403, 'Reviewing from the console needs a signed-in person, not an API token'),
  badFilter: (message: string) => new AppError('invalidRequest', 400, message),
  badForm: (message: string) => new AppError('invalidRequest', 400, `${message}. Nothing was decided.`),
  unknownItem: (id: string) => new AppError('notFound', 404, `Nothing awaiting review has the id '${id.slice(0, 64)}'`),
  /** A decision from someone who does not hold the item (never opened it, let it lapse, or another reviewer took it over). */
  notHeld: (holder: string | null, until: Date | null) =>
    new AppError(
      'claimNotHeld',
      409,
      holder && until
        ? `${holder} is reviewing this item until ${until.toISOString().slice(11, 16)} UTC. Nothing was decided.`
        : 'You no longer hold this item (a claim lasts 15 minutes): open it again from the queue to decide. Nothing was decided.',
    ),
} as const;
