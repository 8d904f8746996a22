/** The labels an account can put on a verification it believes fraudulent (SheerID's names). */
export const FRAUD_LABELS = ['suspectedFraud', 'confirmedFraud'] as const;
export type FraudLabel = (typeof FRAUD_LABELS)[number];

export const isFraudLabel = (s: string): s is FraudLabel => (FRAUD_LABELS as readonly string[]).includes(s);

/**
 * The `step` of a label's row in `verification_steps`: a label is part of the record of what happened to a
 * verification, kept in order with its responses, though it is neither (the details list labels apart
 * from the step history).
 */
export const LABEL_STEP = 'fraudLabel';
