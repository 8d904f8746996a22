/** A valid person body for each personal-info step (test data only). */
const person = { firstName: 'Randy', lastName: 'Random', email: 'randy@example.com' };
const org = { organization: { id: 1, name: 'Organization name' } };

export const VALID_BODIES: Record<string, Record<string, unknown>> = {
  collectStudentPersonalInfo: { ...person, birthDate: '2001-02-03', ...org },
  collectTeacherPersonalInfo: { ...person, ...org },
  collectActiveMilitaryPersonalInfo: { ...person, birthDate: '1990-01-01', ...org },
  collectInactiveMilitaryPersonalInfo: { ...person, birthDate: '1970-01-01', dischargeDate: '1995-06-30', ...org },
  collectSeniorPersonalInfo: { ...person, birthDate: '1950-01-01', postalCode: '97201' },
  collectAgePersonalInfo: { ...person, birthDate: '1990-01-01', postalCode: '97201' },
  collectFirstResponderPersonalInfo: { ...person, ...org, statuses: ['FIREFIGHTER'] },
  collectMedicalProfessionalPersonalInfo: { ...person, birthDate: '1980-01-01', postalCode: '97201', ...org, statuses: ['NURSE'] },
  collectEmployeePersonalInfo: { ...person, address1: '1 Main St', city: 'Portland', state: 'OR', postalCode: '97201', ...org },
  collectMemberPersonalInfo: { ...person, ...org },
  collectLicensedProfessionalInfo: { ...person, birthDate: '1980-01-01', postalCode: '97201', ...org, statuses: ['ARCHITECT'] },
  collectMoverPersonalInfo: { ...person, address1: '1 Main St', postalCode: '97201', statuses: ['HOME_BUYER'] },
  collectLowIncomePersonalInfo: {
    ...person,
    birthDate: '1980-01-01',
    postalCode: '97201',
    address1: '1 Main St',
    city: 'Portland',
    state: 'OR',
    country: 'US',
    statuses: ['SNAP_BENEFITS'],
  },
  collectDriverLicensePersonalInfo: { ...person, state: 'OR', driverLicenseNumber: 'D123-4567' },
  collectGeneralIdentityPersonalInfo: { ...person, address1: '1 Main St', city: 'Portland', state: 'OR', postalCode: '97201' },
};
