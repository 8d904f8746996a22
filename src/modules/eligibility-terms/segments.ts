/**
 * Segments, their sub-segments and the personal-info step each one collects, with the body fields the
 * step requires and allows. This table drives validation, routing and the theme.
 */
export type Field =
  | 'firstName'
  | 'lastName'
  | 'email'
  | 'birthDate'
  | 'organization'
  | 'postalCode'
  | 'country'
  | 'dischargeDate'
  | 'socialSecurityNumber'
  | 'address1'
  | 'city'
  | 'state'
  | 'stateCode'
  | 'statuses'
  | 'status'
  | 'memberId'
  | 'marketConsent'
  | 'ebtCardNumber'
  | 'driverLicenseNumber'
  | 'activeDutyStartDate';

/** Optional on every person body (spec §5). */
export const COMMON_FIELDS = [
  'phoneNumber',
  'locale',
  'ipAddress',
  'ipAddressExtended',
  'deviceFingerprintHash',
  'metadata',
  'externalUserId',
  'email2',
] as const;

export interface PersonStep {
  /** The `currentStep` value. */
  step: string;
  /** Extra accepted path names for the step (SheerID's licensed-professional path differs from its step name). */
  pathAliases?: string[];
  required: Field[];
  optional: Field[];
  /** Status enum for `statuses`/`status`, mapped to the sub-segment it proves. */
  statuses?: Record<string, string>;
  /** The errorId when a status is not one of `statuses`. */
  statusErrorId?: string;
}

const P = ['firstName', 'lastName', 'email'] as const satisfies Field[];

export const MILITARY_STATUSES: Record<string, { subSegment: string; step: string }> = {
  ACTIVE_DUTY: { subSegment: 'activeDuty', step: 'collectActiveMilitaryPersonalInfo' },
  RESERVIST: { subSegment: 'reservist', step: 'collectActiveMilitaryPersonalInfo' },
  VETERAN: { subSegment: 'veteran', step: 'collectInactiveMilitaryPersonalInfo' },
  MILITARY_RETIREE: { subSegment: 'retiree', step: 'collectInactiveMilitaryPersonalInfo' },
  MILITARY_FAMILY: { subSegment: 'militaryFamily', step: 'collectInactiveMilitaryPersonalInfo' },
  GOLD_STAR_FAMILY: { subSegment: 'goldStarFamily', step: 'collectInactiveMilitaryPersonalInfo' },
};

export const PERSON_STEPS: Record<string, PersonStep> = {
  collectStudentPersonalInfo: { step: 'collectStudentPersonalInfo', required: [...P, 'birthDate', 'organization'], optional: [] },
  collectTeacherPersonalInfo: {
    step: 'collectTeacherPersonalInfo',
    required: [...P, 'organization'],
    optional: ['birthDate', 'postalCode'],
  },
  collectActiveMilitaryPersonalInfo: {
    step: 'collectActiveMilitaryPersonalInfo',
    required: [...P, 'birthDate', 'organization'],
    optional: ['country', 'activeDutyStartDate'],
  },
  collectInactiveMilitaryPersonalInfo: {
    step: 'collectInactiveMilitaryPersonalInfo',
    required: [...P, 'birthDate', 'organization', 'dischargeDate'],
    optional: ['country', 'socialSecurityNumber', 'address1', 'city', 'state', 'postalCode'],
  },
  collectSeniorPersonalInfo: { step: 'collectSeniorPersonalInfo', required: [...P, 'birthDate', 'postalCode'], optional: [] },
  collectAgePersonalInfo: {
    step: 'collectAgePersonalInfo',
    required: [...P, 'birthDate'],
    optional: ['postalCode', 'country', 'city', 'address1', 'marketConsent'],
  },
  collectFirstResponderPersonalInfo: {
    step: 'collectFirstResponderPersonalInfo',
    required: [...P, 'organization', 'statuses'],
    optional: ['birthDate', 'status', 'postalCode', 'stateCode', 'country'],
    statuses: { POLICE: 'police', EMT: 'emt', FIREFIGHTER: 'fireFighter', SEARCH_AND_RESCUE: 'searchAndRescue' },
    statusErrorId: 'invalidFirstResponderStatus',
  },
  collectMedicalProfessionalPersonalInfo: {
    step: 'collectMedicalProfessionalPersonalInfo',
    required: [...P, 'birthDate', 'postalCode', 'organization', 'statuses'],
    optional: ['status', 'country', 'memberId'],
    statuses: { NURSE: 'nurse', DOCTOR: 'doctor', DENTIST: 'dentist', PHARMACIST: 'pharmacist', OTHER_HEALTH_WORKER: 'otherHealthWorker' },
    statusErrorId: 'invalidMedicalProfessionalStatus',
  },
  collectLicensedProfessionalInfo: {
    step: 'collectLicensedProfessionalInfo',
    pathAliases: ['collectLicensedProfessionalPersonalInfo'],
    required: [...P, 'birthDate', 'postalCode', 'organization', 'statuses'],
    optional: ['country'],
    statuses: {
      LICENSED_COSMETOLOGIST: 'licensedCosmetologist',
      LICENSED_REAL_ESTATE_AGENT: 'licensedRealEstateAgent',
      VETERINARIAN: 'veterinarian',
      CHILD_CARE_WORKER: 'childCareWorker',
      LIBRARIAN: 'librarian',
      INTERIOR_DESIGNER: 'interiorDesigner',
      ARCHITECT: 'architect',
      GENERAL_CONTRACTOR: 'generalContractor',
    },
    statusErrorId: 'invalidStatus',
  },
  collectMoverPersonalInfo: {
    step: 'collectMoverPersonalInfo',
    required: [...P, 'address1', 'postalCode', 'statuses'],
    optional: ['birthDate', 'country'],
    statuses: { HOME_BUYER: 'homeBuyer', OTHER_MOVER: 'otherMover' },
    statusErrorId: 'invalidStatus',
  },
  collectEmployeePersonalInfo: {
    step: 'collectEmployeePersonalInfo',
    required: [...P, 'address1', 'city', 'state', 'postalCode', 'organization'],
    optional: ['country'],
  },
  collectMemberPersonalInfo: {
    step: 'collectMemberPersonalInfo',
    required: [...P, 'organization'],
    optional: ['birthDate', 'memberId', 'address1', 'city', 'state', 'postalCode', 'country'],
  },
  collectLowIncomePersonalInfo: {
    step: 'collectLowIncomePersonalInfo',
    required: [...P, 'birthDate', 'postalCode', 'address1', 'city', 'state', 'country', 'statuses'],
    optional: ['organization', 'ebtCardNumber'],
    statuses: { SNAP_BENEFITS: 'snapBenefits', OTHER_GOVERNMENT_ASSISTANCE: 'otherGovernmentAssistance' },
    statusErrorId: 'invalidStatus',
  },
  collectDriverLicensePersonalInfo: {
    step: 'collectDriverLicensePersonalInfo',
    required: [...P, 'state', 'driverLicenseNumber'],
    optional: [],
  },
  collectGeneralIdentityPersonalInfo: {
    step: 'collectGeneralIdentityPersonalInfo',
    required: [...P, 'address1', 'city', 'state', 'postalCode'],
    optional: ['birthDate'],
  },
};

export interface SegmentDef {
  segment: string;
  /** Sub-segments a program may target; the first is the default when the segment has a fixed one. */
  subSegments: string[];
  /** The first step of a new verification. */
  firstStep: (subSegment: string | null) => string;
  /** Organization types searched for this segment. */
  orgTypes: string[];
}

export const SEGMENTS: Record<string, SegmentDef> = {
  student: {
    segment: 'student',
    subSegments: ['fullAndPartTimeUniversity', 'collegeBound', 'highSchool', 'postSecondary'],
    firstStep: () => 'collectStudentPersonalInfo',
    orgTypes: ['UNIVERSITY', 'POST_SECONDARY', 'HIGH_SCHOOL'],
  },
  teacher: {
    segment: 'teacher',
    subSegments: ['facultyHighSchool', 'facultyUniversity', 'facultyPostSecondary', 'facultyK12'],
    firstStep: () => 'collectTeacherPersonalInfo',
    orgTypes: ['UNIVERSITY', 'POST_SECONDARY', 'K12', 'HIGH_SCHOOL'],
  },
  military: {
    segment: 'military',
    subSegments: ['activeDuty', 'veteran', 'retiree', 'reservist', 'militaryFamily', 'goldStarFamily'],
    firstStep: () => 'collectMilitaryStatus',
    orgTypes: ['MILITARY'],
  },
  senior: { segment: 'senior', subSegments: [], firstStep: () => 'collectSeniorPersonalInfo', orgTypes: ['AGE_ID'] },
  age: { segment: 'age', subSegments: [], firstStep: () => 'collectAgePersonalInfo', orgTypes: ['AGE_ID'] },
  firstResponder: {
    segment: 'firstResponder',
    subSegments: ['police', 'fireFighter', 'searchAndRescue', 'emt'],
    firstStep: () => 'collectFirstResponderPersonalInfo',
    orgTypes: ['FIRST_RESPONDER'],
  },
  medical: {
    segment: 'medical',
    subSegments: ['nurse', 'doctor', 'otherHealthWorker', 'dentist', 'pharmacist'],
    firstStep: () => 'collectMedicalProfessionalPersonalInfo',
    orgTypes: ['MEDICAL'],
  },
  employment: {
    segment: 'employment',
    subSegments: ['employee'],
    firstStep: () => 'collectEmployeePersonalInfo',
    orgTypes: ['CORPORATE', 'NON_PROFIT'],
  },
  member: { segment: 'member', subSegments: [], firstStep: () => 'collectMemberPersonalInfo', orgTypes: ['MEMBERSHIP'] },
  licensedProfessional: {
    segment: 'licensedProfessional',
    subSegments: [
      'licensedCosmetologist',
      'licensedRealEstateAgent',
      'veterinarian',
      'childCareWorker',
      'librarian',
      'interiorDesigner',
      'architect',
      'generalContractor',
    ],
    firstStep: () => 'collectLicensedProfessionalInfo',
    orgTypes: ['NONE', 'CORPORATE'],
  },
  recentMover: {
    segment: 'recentMover',
    subSegments: ['homeBuyer', 'otherMover'],
    firstStep: () => 'collectMoverPersonalInfo',
    orgTypes: [],
  },
  lowIncome: {
    segment: 'lowIncome',
    subSegments: ['snapBenefits', 'otherGovernmentAssistance'],
    firstStep: () => 'collectLowIncomePersonalInfo',
    orgTypes: ['NON_PROFIT'],
  },
  identity: {
    segment: 'identity',
    subSegments: ['generalIdentity', 'driverLicense'],
    firstStep: (sub) => (sub === 'driverLicense' ? 'collectDriverLicensePersonalInfo' : 'collectGeneralIdentityPersonalInfo'),
    orgTypes: [],
  },
  marketplace: { segment: 'marketplace', subSegments: [], firstStep: () => 'collectMarketplaceToken', orgTypes: [] },
};

export const SEGMENT_NAMES = Object.keys(SEGMENTS);
/** Segments whose sub-segment is fixed by the program rather than chosen by a status in the body. */
export const PROGRAM_CHOSEN_SUBSEGMENT = new Set(['identity', 'employment']);
/** Segments with no person body of their own; bootstrap does not make a sample program for these. */
export const TOKEN_ONLY_SEGMENTS = new Set(['marketplace']);
