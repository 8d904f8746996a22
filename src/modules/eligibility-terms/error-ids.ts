/**
 * Every errorId of the eligibility dialect (SheerID REST v2). `recoverable` ids keep the verification on
 * its step; the others end the request with `currentStep: "error"`. The theme carries a message for each.
 */
export const RECOVERABLE_ERROR_IDS = [
  'invalidFirstName', 'invalidLastName', 'invalidEmail', 'invalidPhoneNumber', 'invalidBirthDate', 'futureBirthDate',
  'invalidAddress1', 'invalidCity', 'invalidState', 'invalidPostalCode', 'invalidOrganization', 'invalidMilitaryStatus',
  'invalidFirstResponderStatus', 'invalidMedicalProfessionalStatus', 'invalidSocialSecurityNumber',
  'invalidDischargeDate', 'dischargeDateBeforeBirthDate', 'invalidOverrideCode', 'underagePerson', 'outsideAgePerson',
  'unsupportedDocMimeType', 'invalidFileSizeMax', 'invalidFileSizeEmpty', 'invalidSMSCode', 'expiredSMSCode',
  'invalidEmailLoopToken', 'expiredEmailLoopToken', 'invalidCountry', 'invalidDriverLicenseNumber',
  'invalidEbtCardNumber', 'invalidMemberId', 'invalidStatus', 'invalidStatuses', 'invalidLocale',
  'marketConsentRequired', 'missingRequiredMetadata', 'futureDischargeDate', 'invalidAddress', 'noValidFiles',
] as const;

export const NON_RECOVERABLE_ERROR_IDS = [
  'noProgram', 'invalidProgram', 'expiredProgram', 'inactiveProgram', 'noVerification', 'expiredVerification',
  'notFound', 'noOrganization', 'noRemainingRewardCodes', 'invalidRequest', 'internalServerError', 'unknownError',
  'simulatedError', 'invalidStep', 'apiRateLimitExceeded', 'invalidApiToken', 'invalidDocUploadToken',
  'unauthorizedAccountStatus', 'unauthorizedDomain', 'unauthorizedIpAddress', 'unauthorizedRequest',
  'unauthorizedUser', 'verificationLimitExceeded', 'docReviewLimitExceeded', 'reverificationDailyLimitExceeded',
  'fraudRulesReject', 'notApproved', 'maxSMSCodeLimitExceeded', 'incorrectSMSCodeAttemptLimitExceeded',
  'incorrectVerificationOverrideCodeAttemptLimitExceeded', 'invalidVerificationToken', 'expiredVerificationToken',
  'maxMetadataValuesExceeded', 'maxMetadataLengthExceeded', 'invalidNumberOfFiles',
] as const;

export const ERROR_IDS = [...RECOVERABLE_ERROR_IDS, ...NON_RECOVERABLE_ERROR_IDS] as const;
export type ErrorId = (typeof ERROR_IDS)[number];
