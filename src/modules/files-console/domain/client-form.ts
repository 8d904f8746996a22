/**
 * The client file forms read into the API's own bodies (`create-verification-request`,
 * `update-verification-request`), and the API's sentences about what is wrong read back onto the form's
 * fields. Nothing is checked here: the API's schema checks the body, so the console refuses exactly what
 * the API refuses.
 */

/** A client's fields on the forms, in order: the API's name, the label, whether a new client needs it. */
export const CLIENT_FIELDS = [
  ['firstName', 'First name', true],
  ['middleName', 'Middle name', false],
  ['lastName', 'Last name', true],
  ['email', 'Email', true],
  ['phoneNumber', 'Phone number', true],
  ['dateOfBirth', 'Date of birth', false],
  ['language', 'Language of the mail and page', false],
  ['requesterClientRequestId', 'Your reference for this client', false],
] as const;
export type ClientField = (typeof CLIENT_FIELDS)[number][0];
export type ClientValues = Record<ClientField, string>;

/** The most clients one file is opened with (the API's bound). */
export const MAX_FORM_CLIENTS = 20;

export interface NewFileForm {
  reference: string;
  fileName: string;
  fileNumber: string;
  sendLink: boolean;
  clients: ClientValues[];
}

const LABELS: Record<string, string> = {
  requesterReferenceId: 'Your reference',
  fileName: 'File name',
  fileNumber: 'File number',
  ...Object.fromEntries(CLIENT_FIELDS.map(([name, label]) => [name, label])),
};
/** A form field's name for an API field (`reference` for `requesterReferenceId`, `c0.email` for `clients[0].email`). */
const FORM_NAMES: Record<string, string> = { requesterReferenceId: 'reference', fileName: 'fileName', fileNumber: 'fileNumber' };

const text = (body: unknown, name: string) => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v : '';
};

/** How many client blocks a form shows: 1 to the most, from a number as typed. */
export const clientCount = (value: unknown) => {
  const n = typeof value === 'string' && /^\d{1,2}$/.test(value) ? Number(value) : 1;
  return Math.min(Math.max(n, 1), MAX_FORM_CLIENTS);
};

export const emptyClient = (): ClientValues => Object.fromEntries(CLIENT_FIELDS.map(([name]) => [name, ''])) as ClientValues;

/** One client's fields as posted under `prefix` (`c0.`, or '' on the contact form). */
export const clientValues = (body: unknown, prefix: string): ClientValues =>
  Object.fromEntries(CLIENT_FIELDS.map(([name]) => [name, text(body, `${prefix}${name}`)])) as ClientValues;

/** The new file form as posted. */
export function newFileForm(body: unknown): NewFileForm {
  const count = clientCount(text(body, 'clients'));
  return {
    reference: text(body, 'reference'),
    fileName: text(body, 'fileName'),
    fileNumber: text(body, 'fileNumber'),
    sendLink: text(body, 'sendLink') !== '',
    clients: Array.from({ length: count }, (_, i) => clientValues(body, `c${i}.`)),
  };
}

const blank = (c: ClientValues) => Object.values(c).every((v) => v.trim() === '');

/** A client as the API takes it: optional fields left out when empty (an empty birth date is "unknown"). */
function newClientBody(c: ClientValues) {
  const out: Record<string, string> = {};
  for (const [name] of CLIENT_FIELDS)
    if (c[name] !== '' || ['firstName', 'lastName', 'email', 'phoneNumber'].includes(name)) out[name] = c[name];
  return out;
}

/**
 * The API body for the form, and the form's block of each client sent (blocks left blank are skipped, so
 * the API's `clients[1]` may be the form's third block).
 */
export function createBody(form: NewFileForm): { body: Record<string, unknown>; blocks: number[] } {
  const blocks = form.clients.map((c, i) => (blank(c) ? -1 : i)).filter((i) => i >= 0);
  const body: Record<string, unknown> = {
    // Left out when empty, so the API says it is required (rather than of the wrong length).
    ...(form.reference.trim() === '' ? {} : { requesterReferenceId: form.reference }),
    clients: blocks.map((i) => newClientBody(form.clients[i])),
    sendLink: form.sendLink,
  };
  if (form.fileName.trim() !== '') body.fileName = form.fileName;
  if (form.fileNumber.trim() !== '') body.fileNumber = form.fileNumber;
  return { body, blocks };
}

/**
 * The API body that changes one request's client: every field as on the form (an optional one emptied is
 * cleared: the birth date becomes unknown, the language the account's default). A change of a pending
 * request sends the client a new link.
 */
export function contactBody(fileId: string, requestId: string, c: ClientValues) {
  const client: Record<string, unknown> = { clientRequestId: requestId };
  for (const [name, , required] of CLIENT_FIELDS) client[name] = required || c[name].trim() !== '' ? c[name] : null;
  return { fileReferenceId: fileId, clients: [client] };
}

export interface Problems {
  /** Each sentence, in the API's order, in words a person reads (`Client 2: email is not a valid email address`). */
  list: string[];
  /** The sentence about each form field, by the field's name. */
  byField: Record<string, string>;
}

/**
 * The API's sentences about a body, read onto the form: `clients[0].email is not ...` becomes the field
 * `c<block>.email` (through `blocks`, the form block of each client sent; `prefix` for the contact form).
 */
export function problemsOf(errors: readonly string[], blocks: readonly number[] = [0], prefix?: string): Problems {
  const list: string[] = [];
  const byField: Record<string, string> = {};
  for (const e of errors) {
    const client = /^clients\[(\d+)\]\.(\w+) (.*)$/s.exec(e);
    if (client) {
      const block = blocks[Number(client[1])] ?? Number(client[1]);
      const field = client[2];
      const label = LABELS[field] ?? field;
      const sentence = `${label} ${client[3]}`;
      byField[`${prefix ?? `c${block}.`}${field}`] ??= sentence;
      list.push(prefix === undefined ? `Client ${block + 1}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : sentence);
      continue;
    }
    const top = /^(requesterReferenceId|fileName|fileNumber) (.*)$/s.exec(e);
    if (top) {
      const sentence = `${LABELS[top[1]]} ${top[2]}`;
      byField[FORM_NAMES[top[1]]] ??= sentence;
      list.push(sentence);
      continue;
    }
    const taken = /^A file with requesterReferenceId '(.*)' already exists/s.exec(e);
    if (taken) {
      const sentence = `A file with your reference “${taken[1]}” already exists: choose another reference, or add the clients to that file.`;
      byField.reference ??= sentence;
      list.push(sentence);
      continue;
    }
    if (/^clients must be a non-empty array/.test(e)) {
      list.push('Enter at least one client.');
      continue;
    }
    list.push(e);
  }
  return { list, byField };
}
