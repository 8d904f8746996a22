import type { Config } from './config.ts';

/**
 * Start-up failures said in the operator's words: which setting is at fault and what to do, instead of a
 * driver's or the socket layer's message ('ENOTFOUND base', 'connect ECONNREFUSED ...').
 */

/** Where DATABASE_URL points, without its password: host:port, or the socket directory. */
export function databaseTarget(databaseUrl: string): string {
  const url = new URL(databaseUrl);
  const socket = url.searchParams.get('host');
  const host = url.hostname ? `${url.hostname}:${url.port || 5432}` : `socket ${socket}`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  return database ? `${host}, database ${database}` : host;
}

/** The first error with a code inside `e` (Node wraps the attempts at each address of a host in an AggregateError). */
function rootCause(e: unknown): { code?: string; message: string } {
  const err = e as { code?: unknown; message?: unknown; errors?: unknown[] };
  if (typeof err?.code !== 'string' && Array.isArray(err?.errors) && err.errors.length) return rootCause(err.errors[0]);
  return {
    code: typeof err?.code === 'string' ? err.code : undefined,
    message: typeof err?.message === 'string' ? err.message : String(e),
  };
}

const UNREACHABLE: Record<string, (host: string) => string> = {
  ECONNREFUSED: () => 'connection refused (is PostgreSQL running and listening on that address?)',
  ENOTFOUND: (host) => `the host name ${host} is not known`,
  EAI_AGAIN: (host) => `the host name ${host} could not be looked up (DNS did not answer)`,
  EHOSTUNREACH: () => 'no route to the host',
  ENETUNREACH: () => 'the network is unreachable',
  ECONNRESET: () => 'the connection was reset',
  ETIMEDOUT: () => 'the connection timed out',
  ENOENT: () => 'there is no PostgreSQL socket in that directory',
  '57P03': () => 'the server is starting up or shutting down',
};

/**
 * A failure to open or first use the PostgreSQL store, as one line naming DATABASE_URL; anything else
 * (including the embedded store's own explained errors) is returned as it is.
 */
export function explainStoreFailure(e: unknown, config: Pick<Config, 'databaseUrl' | 'connectTimeoutMs'>): unknown {
  if (!config.databaseUrl) return e;
  let target: string;
  let host: string;
  try {
    target = databaseTarget(config.databaseUrl);
    host = new URL(config.databaseUrl).hostname;
  } catch {
    return e;
  }
  const { code, message } = rootCause(e);
  const reach = (reason: string) => new Error(`cannot reach the database at DATABASE_URL (${target}): ${reason}`, { cause: e });
  if (code && UNREACHABLE[code]) return reach(UNREACHABLE[code](host));
  if (/timeout exceeded when trying to connect|Connection terminated due to connection timeout/.test(message)) {
    return reach(`no answer within DB_CONNECT_TIMEOUT_MS (${config.connectTimeoutMs} ms)`);
  }
  if (/^Connection terminated/.test(message)) return reach(message);
  if (/SSL/i.test(message) && !code) return reach(message);
  // SQLSTATE 28xxx: the server answered and refused the login.
  if (code && /^28/.test(code))
    return new Error(
      `the database at DATABASE_URL (${target}) refused the login: ${message}; check the user and password in DATABASE_URL`,
      { cause: e },
    );
  if (code === '3D000')
    return new Error(
      `DATABASE_URL names a database that does not exist (${target}): ${message}; create it (createdb) or correct the name in DATABASE_URL`,
      { cause: e },
    );
  return e;
}

/** A failure to listen on HOST:PORT, as one line naming the setting to change. */
export function explainListenFailure(e: unknown, host: string, port: number): unknown {
  const { code } = rootCause(e);
  switch (code) {
    case 'EADDRINUSE':
      return new Error(`PORT ${port} is already in use (another Vouch or program is listening); set PORT to a free port`, { cause: e });
    case 'EACCES':
      return new Error(`PORT ${port} needs more privileges than this process has (ports below 1024); set PORT to 1024 or above`, {
        cause: e,
      });
    case 'EADDRNOTAVAIL':
      return new Error(`HOST ${host} is not an address of this machine; set HOST to one of its addresses, or 0.0.0.0 for all of them`, {
        cause: e,
      });
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new Error(`HOST ${host} is not a known host name; set HOST to an address of this machine, or 0.0.0.0 for all of them`, {
        cause: e,
      });
    default:
      return e;
  }
}

/** What `vouch` prints for an error: one line per problem, never a stack or a multi-line driver message. */
export function failureLines(e: unknown): string[] {
  const problems = (e as { problems?: unknown })?.problems;
  if (e instanceof Error && e.name === 'ConfigError' && Array.isArray(problems)) return problems.map(String);
  const message = e instanceof Error ? e.message || rootCause(e).message : String(e);
  return [message.replace(/\s*\n\s*/g, ' ').trim() || 'failed'];
}
