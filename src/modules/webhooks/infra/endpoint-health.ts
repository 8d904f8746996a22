import { Repository } from '../../../platform/db/index.ts';

/** An endpoint whose deliveries are failing, as the console's overview lists it (the URL holds no secret). */
export interface FailingEndpoint {
  url: string;
  failingSince: Date | null;
  lastError: string | null;
}

/**
 * Which of an account's endpoints are failing: turned off because the receiver answered 410, or with a
 * delivery retrying after a failed attempt, or one given up on since `since`.
 */
export class EndpointHealth extends Repository {
  async failing(accountId: string, since: Date): Promise<FailingEndpoint[]> {
    const rows = await this.db
      .selectFrom('webhook_endpoints as e')
      .leftJoin('webhook_deliveries as d', (join) =>
        join
          .onRef('d.endpoint_id', '=', 'e.id')
          .on('d.account_id', '=', accountId)
          .on((eb) =>
            eb.or([
              eb.and([eb('d.status', '=', 'pending'), eb('d.attempts', '>', 0)]),
              eb.and([eb('d.status', '=', 'dead'), eb('d.completed_at', '>=', since)]),
            ]),
          ),
      )
      .select((eb) => ['e.url', 'e.disabled_reason', eb.fn.min('d.created_at').as('since'), eb.fn.max('d.last_error').as('last_error')])
      .where('e.account_id', '=', accountId)
      .where('e.deleted_at', 'is', null)
      .groupBy(['e.id', 'e.url', 'e.disabled_reason'])
      .having((eb) => eb.or([eb(eb.fn.count('d.id'), '>', 0), eb('e.disabled_reason', '=', 'gone')]))
      .orderBy('e.url')
      .limit(50)
      .execute();
    return rows.map((r) => ({
      url: r.url,
      failingSince: r.since ? new Date(r.since as Date) : null,
      lastError: r.disabled_reason === 'gone' ? 'turned off: the receiver answered 410 Gone' : ((r.last_error as string | null) ?? null),
    }));
  }
}
