import { sql } from 'kysely';
import { Repository, type Database } from '../../../platform/db/index.ts';
import type { Organization } from '../domain/organization.ts';

export interface NewOrganization {
  name: string;
  type: string;
  country: string | null;
  domain: string | null;
}

export interface AccountSearchOptions {
  /** ISO alpha-2 codes; an organization without a country matches any. */
  country?: readonly string[];
  types?: readonly string[];
  limit: number;
}

const INSERT_CHUNK = 500;

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern (escape character `\`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** Organizations an account imported. Every method takes the account and reads or writes only its rows. */
export class OrganizationsRepository extends Repository {
  /** Inserts all rows in one transaction (so all or none), in statements of 500 rows; returns ids in input order. */
  async insertMany(accountId: string, rows: readonly NewOrganization[]): Promise<{ id: number; name: string }[]> {
    if (rows.length === 0) return [];
    return this.transaction(async (trx) => {
      const created: { id: number; name: string }[] = [];
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const values = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
          account_id: accountId,
          name: r.name,
          type: r.type,
          country: r.country,
          domain: r.domain,
        }));
        const inserted = await trx.insertInto('organizations').values(values).returning(['id', 'name']).execute();
        // An identity column hands out increasing ids within one statement: sort to keep input order.
        created.push(...inserted.map((o) => ({ id: Number(o.id), name: o.name })).sort((a, b) => a.id - b.id));
      }
      return created;
    });
  }

  /**
   * The account's organizations whose name contains `name` (case-insensitive; `%` and `_` in it are
   * plain characters). Names that start with it come first, then alphabetical.
   */
  async searchByName(accountId: string, name: string, options: AccountSearchOptions): Promise<Organization[]> {
    const escaped = escapeLike(name);
    let query = this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'type', 'country', 'domain'])
      .where('account_id', '=', accountId)
      .where(sql<boolean>`name ilike ${`%${escaped}%`} escape '\\'`);
    if (options.types?.length) query = query.where('type', 'in', [...options.types]);
    if (options.country?.length) {
      const countries = [...options.country];
      query = query.where((eb) => eb.or([eb('country', 'in', countries), eb('country', 'is', null)]));
    }
    const rows = await query
      .orderBy(sql`case when name ilike ${`${escaped}%`} escape '\\' then 0 else 1 end`)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .limit(Math.max(0, Math.floor(options.limit)))
      .execute();
    return rows.map(toOrganization);
  }

  /**
   * The account's organizations whose domain is one of `domains` (lower case), in the order they were
   * imported; with `country`, those in one of its countries or without one.
   */
  async findByDomains(accountId: string, domains: readonly string[], options: AccountSearchOptions): Promise<Organization[]> {
    if (domains.length === 0) return [];
    let query = this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'type', 'country', 'domain'])
      .where('account_id', '=', accountId)
      .where('domain', 'in', [...domains]);
    if (options.types?.length) query = query.where('type', 'in', [...options.types]);
    if (options.country?.length) {
      const countries = [...options.country];
      query = query.where((eb) => eb.or([eb('country', 'in', countries), eb('country', 'is', null)]));
    }
    const rows = await query
      .orderBy('id')
      .limit(Math.max(0, Math.floor(options.limit)))
      .execute();
    return rows.map(toOrganization);
  }

  /** The account's first organization with this domain and type, if any (read in `exec`, a transaction of the caller's). */
  async findByDomainAndType(accountId: string, domain: string, type: string, exec: Database = this.db): Promise<Organization | null> {
    const row = await exec
      .selectFrom('organizations')
      .select(['id', 'name', 'type', 'country', 'domain'])
      .where('account_id', '=', accountId)
      .where('domain', '=', domain)
      .where('type', '=', type)
      .orderBy('id')
      .executeTakeFirst();
    return row ? toOrganization(row) : null;
  }

  /** Adds one organization to the account, in `exec` (a transaction of the caller's, so it lands with the caller's writes). */
  async insertOne(accountId: string, row: NewOrganization, exec: Database = this.db): Promise<Organization> {
    const inserted = await exec
      .insertInto('organizations')
      .values({ account_id: accountId, name: row.name, type: row.type, country: row.country, domain: row.domain })
      .returning(['id', 'name', 'type', 'country', 'domain'])
      .executeTakeFirstOrThrow();
    return toOrganization(inserted);
  }

  async findById(accountId: string, id: number): Promise<Organization | null> {
    const row = await this.db
      .selectFrom('organizations')
      .select(['id', 'name', 'type', 'country', 'domain'])
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toOrganization(row) : null;
  }
}

function toOrganization(row: { id: number; name: string; type: string; country: string | null; domain: string | null }): Organization {
  return { id: Number(row.id), name: row.name, type: row.type, country: row.country, domain: row.domain };
}
