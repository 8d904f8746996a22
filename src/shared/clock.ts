/** The one clock. Domain code receives it; tests can pin time with `fixedClock`. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (at: Date): Clock & { set(d: Date): void } => {
  let current = at;
  return { now: () => new Date(current.getTime()), set: (d) => (current = d) };
};

/** Calendar date (YYYY-MM-DD) of an instant, in UTC. */
export const isoDate = (d: Date): string => d.toISOString().slice(0, 10);
