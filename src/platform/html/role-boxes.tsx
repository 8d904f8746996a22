import { ROLES, type Role } from '../../shared/principal.ts';

/** What each role opens, in a few words, as the console's forms explain it. */
const ROLE_WORDS: Record<Role, string> = {
  ADMIN: 'everything, people and settings included',
  VERIFIER: 'starts and follows verifications',
  REVIEWER: 'reviews documents and ID reports',
  BULK_VERIFIER: 're-verifies in bulk',
  REPORTER: 'downloads reports',
  VIEWER: 'reads, without personal data',
};

/** The form field of a role's checkbox; `rolesOf` reads them back. */
const fieldOf = (role: Role) => `role.${role}`;

/** The roles ticked in a posted form. */
export const rolesTicked = (body: unknown): Role[] =>
  ROLES.filter((r) => {
    const v = (body as Record<string, unknown> | undefined)?.[fieldOf(r)];
    return typeof v === 'string' && v !== '';
  });

/** One checkbox per role, each with what it opens; `checked` says which are ticked. */
export const RoleBoxes = ({ prefix, checked }: { prefix: string; checked: (role: Role) => boolean }) => (
  <fieldset>
    <legend>Roles</legend>
    {ROLES.map((r) => (
      <label class="check" key={r} for={`${prefix}-${r}`}>
        <input type="checkbox" id={`${prefix}-${r}`} name={fieldOf(r)} value="on" checked={checked(r)} />
        <span>
          {r} <span class="muted">({ROLE_WORDS[r]})</span>
        </span>
      </label>
    ))}
  </fieldset>
);
