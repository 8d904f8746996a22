import { z } from 'zod';

/**
 * A path parameter of an eligibility route. Its message names it: the dialect gives a finding as its own
 * sentence (`systemErrorMessage`), so the sentence says which part of the request it is about.
 */
export const pathParam = (name: string, max = 100) =>
  z.string().max(max, { error: `Path parameter '${name}' must be at most ${max} characters` });
