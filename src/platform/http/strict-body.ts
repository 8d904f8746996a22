import { z } from 'zod';

export const NOT_AN_OBJECT = 'Request body must be a JSON object';

/**
 * A strict body of the eligibility and management dialects: an unknown property is named, with the ones
 * the body knows (`Unexpected property 'x', expected one of: a, b`, as the seed shows); a body that is not
 * an object says so. `where` prefixes a nested object's property with its path.
 */
export const strictBody = <S extends z.ZodRawShape>(shape: S, where = '', notAnObject = NOT_AN_OBJECT) => {
  const known = Object.keys(shape).join(', ');
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Unexpected property '${where ? `${where}.` : ''}${issue.keys[0]}', expected one of: ${known}`
        : issue.code === 'invalid_type'
          ? notAnObject
          : undefined,
  });
};
