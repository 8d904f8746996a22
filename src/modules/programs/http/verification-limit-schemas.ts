import { z } from 'zod';
import { strictBody } from '../../../platform/http/strict-body.ts';

// The verification limit's body and answers, in the eligibility dialect: a finding is its own sentence,
// an unknown property named with the ones the body knows.

const QUANTITY = "Property 'quantity' is required and must be a whole number from 1 to 10000";
const DAYS = "Property 'days' is required and must be a whole number from 1 to 3650";

/** `POST /rest/v2/program/{programId}/verificationLimit`. */
export const VerificationLimitBody = strictBody({
  quantity: z
    .int({ error: QUANTITY })
    .min(1, { error: QUANTITY })
    .max(10000, { error: QUANTITY })
    .meta({ description: 'How many verifications of the program the same person may make within `days`', examples: [1] }),
  days: z
    .int({ error: DAYS })
    .min(1, { error: DAYS })
    .max(3650, { error: DAYS })
    .meta({ description: 'The window, in days back from each attempt, that the verifications are counted in', examples: [365] }),
}).meta({
  description: 'The same person (first name, last name and birth date) may verify at most `quantity` times within `days`',
  examples: [{ quantity: 1, days: 365 }],
});

export const VerificationLimitSet = z.object({}).meta({ description: 'Set', examples: [{}] });
export const VerificationLimitDeleted = z.object({}).meta({ description: 'Deleted (also when the program had none)', examples: [{}] });
