import type { Container } from '../../src/main/container.ts';
import { bootstrapAccount } from '../../src/main/bootstrap.ts';
import { ensureAccount } from '../../src/modules/accounts/index.ts';
import { createProgram } from '../../src/modules/programs/index.ts';

/**
 * Seeds many finished student verifications straight into the store (for batch tests and benchmarks):
 * an account, a live student program, an imported organization, a roster holding `onRoster` of the
 * people, and one successful verification per person. Deterministic: person i is always the same.
 */
export async function seedStudents(c: Container, count: number, options: { onRoster?: (i: number) => boolean } = {}) {
  const onRoster = options.onRoster ?? ((i) => i % 10 !== 0);
  const { account } = await ensureAccount(c.accounts, `Seeded ${count}`);
  const demo = await bootstrapAccount(c, account.id);
  const program = await createProgram(c.programs, account.id, {
    name: 'Seeded students',
    segment: 'student',
    testMode: false,
    staticCode: 'SEED',
  });
  const org = await c.organizations.importCsv(account.id, 'name,type,country\nSeed State University,UNIVERSITY,US\n');
  const orgId = org.organizations[0].id;
  const person = (i: number) => ({
    firstName: `First${i}`,
    lastName: `Last${i}`,
    email: `person${i}@example.com`,
    birthDate: `${1980 + (i % 20)}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
    organization: { id: orgId, name: 'Seed State University' },
  });
  const year = new Date().getUTCFullYear();
  const roster = ['organizationId,firstName,lastName,birthDate,email,affiliation,statusStartDate,statusEndDate'];
  for (let i = 0; i < count; i++) {
    if (!onRoster(i)) continue;
    const p = person(i);
    roster.push(`${orgId},${p.firstName},${p.lastName},${p.birthDate},${p.email},STUDENT_FULL_TIME,${year - 1}-01-01,${year + 1}-12-31`);
  }
  if (roster.length > 1) await c.rosters.importCsv(account.id, roster.join('\n'));

  const ids: string[] = [];
  const base = Date.UTC(2026, 0, 1);
  for (let start = 0; start < count; start += 2000) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + 2000); i++) {
      const id = c.ids.hex24();
      ids.push(id);
      const at = new Date(base + i * 1000);
      rows.push({
        id,
        account_id: account.id,
        program_id: program.id,
        segment: 'student',
        sub_segment: null,
        current_step: 'success',
        locale: 'en-US',
        country: 'US',
        test_mode: false,
        tracking_id: `user-${i}`,
        metadata_enc: i % 3 === 0 ? c.box.encryptJson({ cohort: `c${i % 7}` }) : null,
        person_enc: c.box.encryptJson(person(i)),
        person_id: c.box.digest(`seed:${i}`).slice(0, 24),
        organization_id: orgId,
        organization_name: 'Seed State University',
        reward_code: 'SEED',
        error_ids: '[]',
        version: 2,
        created_at: at,
        updated_at: at,
      });
    }
    await c.store.db.insertInto('verifications').values(rows).execute();
  }
  return { accountId: account.id, token: demo.token, programId: program.id, ids };
}
