import { z } from 'zod';
import {
  fileStatusAnswer as fileStatus,
  idAnswer as id,
  profileTextAnswer as profileText,
  requestStatusAnswer as requestStatus,
  wireDateAnswer as wireDate,
} from '../../client-requests/index.ts';

// The answers of the routes about reports, their review and the transaction-key view (see responses.ts).

const analysis = z.string().meta({ description: 'Pass or Fail', examples: ['Pass'] });
const summary = {
  reportNumber: z.string(),
  identityAnalysisResult: analysis,
  fraudAnalysisResult: analysis,
  reviewStatusDate: wireDate.nullable(),
  verificationReportExpiryDate: wireDate.nullable(),
};
const reviewDecision = z.string().nullable().meta({ description: 'Approved or Rejected once reviewed, else null' });

/** `verification-report`: the PDF and its summary. */
export const ReportDownload = z.looseObject({
  clientRequestId: id,
  report: z.string().meta({ description: 'The PDF, base64', contentEncoding: 'base64' }),
  ...summary,
  verificationReportExpiryWarningDate: wireDate.nullable(),
  reviewDecision,
  reportDate: wireDate.nullable().meta({ description: 'When the report was downloaded' }),
  sampleReport: z.boolean(),
});

const name = z.string().nullable();
/** `report-info`: the report's metadata, its checks and the client as read and as entered. */
export const ReportInfo = z.looseObject({
  clientRequestId: id,
  ...summary,
  verificationReportExpiryWarningDate: wireDate.nullable(),
  reviewDecision,
  reviewDecisionDate: wireDate.nullable(),
  clientVerifiedUntil: wireDate.nullable(),
  reviewDecisionReason: z.string().nullable(),
  sampleReport: z.boolean(),
  recommendation: z
    .looseObject({ value: z.enum(['APPROVE', 'REJECT']), reason: z.string().nullable() })
    .nullable()
    .meta({ description: 'A sample report only: the criteria it was made with' }),
  clientInformation: z.looseObject({
    source: z.enum(['document', 'entered']),
    firstName: name,
    middleName: name,
    lastName: name,
    dateOfBirth: name,
    currentAddress: z.looseObject({
      address: z.string(),
      city: z.string(),
      province: z.string().nullable(),
      country: z.string(),
      postalCode: z.string(),
      countryCode: z.string(),
    }),
  }),
  enteredInformation: z.looseObject({ firstName: z.string(), middleName: name, lastName: z.string(), dateOfBirth: z.string() }),
  document: z.looseObject({
    type: z.string(),
    number: z.string(),
    issuingCountry: z.string(),
    expiryDate: z.string(),
    machineReadableZone: z
      .looseObject({
        format: z.string(),
        valid: z.boolean(),
        documentNumber: name,
        firstName: name,
        lastName: name,
        dateOfBirth: name,
        expiryDate: name,
        nationality: name,
        issuingState: name,
      })
      .nullable(),
  }),
  checks: z.array(
    z.looseObject({ name: z.string(), result: z.enum(['pass', 'fail', 'not-run']), reason: z.string(), highRisk: z.boolean() }),
  ),
  images: z.array(z.looseObject({ kind: z.string(), width: z.number(), height: z.number(), fileSize: z.number(), mimeType: z.string() })),
});

/** `review-report`: the decision as recorded. */
export const ReviewOutcome = z.looseObject({
  clientRequestId: id,
  requestStatus,
  reviewDecisionDate: wireDate.nullable(),
  clientVerifiedUntil: wireDate.nullable().meta({ description: 'Until when the client counts as verified (an approved real report)' }),
  sampleReport: z.boolean(),
});

/** `casefile/transaction`: what a holder of the transaction key may see. */
export const TransactionView = z.looseObject({
  fileName: z.string(),
  fileNumber: z.string(),
  fileStatus,
  transactionKey: z.string(),
  clients: z.array(
    z.looseObject({
      clientRequestId: id,
      firstName: profileText,
      lastName: profileText,
      requestStatus,
      report: z
        .looseObject({ ...summary, reviewDecision, reviewDecisionDate: wireDate.nullable() })
        .nullable()
        .meta({ description: 'While the report lives' }),
      reportExpired: z.boolean(),
      sampleReport: z.boolean(),
      clientVerifiedUntil: wireDate.nullable(),
    }),
  ),
});
