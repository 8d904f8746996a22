import { rolesTicked } from '../../../platform/html/role-boxes.tsx';
import { isOneLine } from '../../../shared/names.ts';
import type { Role } from '../../../shared/principal.ts';

/**
 * The integrations forms read into what the use cases take. Only what a person would mend on the form is
 * checked here (nothing chosen, an empty field); the use cases check the rest (a name's length, an address,
 * a URL's host) and their refusals are shown on the form the same way.
 */
export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; form: Record<string, string> };

/** The longest webhook URL and description the management API takes. */
const URL_MAX = 2000;
const DESCRIPTION_MAX = 500;

/** What the forms post: field names to text. */
export type FormBody = Record<string, string>;

export const text = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** The fields as posted, to fill the form again when it is shown with a problem. */
export function formOf(body: unknown): FormBody {
  const out: FormBody = {};
  for (const [k, v] of Object.entries((body as Record<string, unknown> | undefined) ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The roles ticked (`role.<NAME>` checkboxes). */
export const rolesOf = rolesTicked;

/** The entries of an allow-list written one per line, or separated by commas or spaces. */
export const addressesOf = (value: string): string[] => value.split(/[\s,]+/).filter((s) => s !== '');

export interface CredentialForm {
  name: string;
  roles: Role[];
}

/** An API token's or OAuth client's form: a name and at least one role. */
export function credentialForm(body: unknown, what: string): Parsed<CredentialForm> {
  const form = formOf(body);
  const name = text(body, 'name').trim();
  const roles = rolesOf(body);
  if (name === '') return { ok: false, problem: `Give the ${what} a name`, form };
  if (roles.length === 0) return { ok: false, problem: `Choose at least one role for the ${what}`, form };
  return { ok: true, value: { name, roles } };
}

/** An API token's form: a credential's fields, and an optional allow-list of client addresses. */
export function tokenForm(body: unknown): Parsed<CredentialForm & { allowedIpAddresses: string[] | null }> {
  const parsed = credentialForm(body, 'token');
  if (!parsed.ok) return parsed;
  const addresses = addressesOf(text(body, 'allowedIpAddresses'));
  return { ok: true, value: { ...parsed.value, allowedIpAddresses: addresses.length ? addresses : null } };
}

/** The event types ticked (`event.<type>` checkboxes), from `choices`. */
export const eventsOf = (body: unknown, choices: readonly string[]): string[] => choices.filter((t) => text(body, `event.${t}`) !== '');

export interface EndpointForm {
  url: string;
  eventTypes: string[];
  description?: string;
}

/** A webhook endpoint's form: a URL, at least one event type, an optional one-line description. */
export function endpointForm(body: unknown, choices: readonly string[]): Parsed<EndpointForm> {
  const form = formOf(body);
  const url = text(body, 'url').trim();
  const eventTypes = eventsOf(body, choices);
  const description = text(body, 'description').trim();
  if (url === '') return { ok: false, problem: "Enter the endpoint's URL", form };
  if (url.length > URL_MAX) return { ok: false, problem: `The URL must be at most ${URL_MAX} characters`, form };
  if (eventTypes.length === 0) return { ok: false, problem: 'Choose at least one event type', form };
  if (description.length > DESCRIPTION_MAX)
    return { ok: false, problem: `The description must be at most ${DESCRIPTION_MAX} characters`, form };
  if (!isOneLine(description)) return { ok: false, problem: 'The description must be a single line', form };
  return { ok: true, value: { url, eventTypes, ...(description ? { description } : {}) } };
}
