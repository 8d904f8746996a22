/** Who did it, for the audit log: a user id, or `cli` for the command line. */
export const actorOf = (by: string): { type: string; id: string | null } =>
  by === 'cli' ? { type: 'cli', id: null } : { type: 'user', id: by };

export const ANONYMOUS = { type: 'anonymous', id: null } as const;

export const userSubject = (userId: string) => ({ type: 'user', id: userId });
