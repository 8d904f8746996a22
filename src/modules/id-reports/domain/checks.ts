import { foldName, mrzSpellings, mrzText, readMrz, type MrzReading } from '../../../shared/mrz.ts';
import { hasBack, missingAddressParts, sizeProblem, type CaptureData, type ImageKind } from '../../capture/index.ts';

/**
 * The checks Vouch runs itself on what a client sent: deterministic, no outside service. Each yields
 * pass / fail / not-run with a reason; a failed high-risk check fails the fraud analysis.
 */
export type CheckResult = 'pass' | 'fail' | 'not-run';
export interface Check {
  name: string;
  result: CheckResult;
  reason: string;
  highRisk: boolean;
}

/** Every check `runChecks` makes, in report order. */
export const CHECK_NAMES = [
  'documentFront',
  'documentBack',
  'selfie',
  'identityConfirmed',
  'mrzCheckDigits',
  'mrzMatchesProfile',
  'documentNotExpired',
  'addressComplete',
] as const;

export interface CheckImage {
  kind: ImageKind;
  width: number;
  height: number;
  fileSize: number;
  digest: string;
}
export interface CheckInput {
  /** The client as the organization described them. */
  profile: { firstName: string; middleName: string | null; lastName: string; dateOfBirth: string | null };
  data: Required<Pick<CaptureData, 'identity' | 'document' | 'address'>>;
  images: CheckImage[];
  /** Kinds whose file is byte for byte a file sent for another client. */
  sharedWithOtherClient: ReadonlySet<ImageKind>;
  today: string;
}

const pass = (name: string, reason: string, highRisk = false): Check => ({ name, result: 'pass', reason, highRisk });
const fail = (name: string, reason: string, highRisk = false): Check => ({ name, result: 'fail', reason, highRisk });
const notRun = (name: string, reason: string): Check => ({ name, result: 'not-run', reason, highRisk: false });

function imageCheck(name: string, img: CheckImage | undefined, shared: boolean, what: string): Check {
  if (!img) return fail(name, `No ${what} was received`);
  if (shared) return fail(name, `The ${what} is the same file as one sent for another client`, true);
  const problem = sizeProblem(img);
  return problem ? fail(name, problem) : pass(name, `${img.width}x${img.height} pixels, ${img.fileSize} bytes`);
}

export function runChecks(input: CheckInput): { checks: Check[]; mrz: MrzReading | null } {
  const { data, profile, today } = input;
  const img = (k: ImageKind) => input.images.find((i) => i.kind === k);
  const checks: Check[] = [];

  checks.push(imageCheck('documentFront', img('front'), input.sharedWithOtherClient.has('front'), 'photo of the document front'));
  checks.push(
    hasBack(data.document.type)
      ? imageCheck('documentBack', img('back'), input.sharedWithOtherClient.has('back'), 'photo of the document back')
      : notRun('documentBack', 'A passport has no back to photograph'),
  );
  const selfie = img('selfie');
  const selfieIsDocument = !!selfie && input.images.some((i) => i.kind !== 'selfie' && i.digest === selfie.digest);
  checks.push(
    selfieIsDocument
      ? fail('selfie', 'The selfie is the same file as a photo of the document', true)
      : imageCheck('selfie', selfie, input.sharedWithOtherClient.has('selfie'), 'selfie'),
  );

  // The name and birth date the client confirmed, against the organization's profile.
  const who = data.identity;
  const nameDiffers = foldName(who.firstName) !== foldName(profile.firstName) || foldName(who.lastName) !== foldName(profile.lastName);
  const dobDiffers = !!profile.dateOfBirth && profile.dateOfBirth !== who.dateOfBirth;
  checks.push(
    nameDiffers || dobDiffers
      ? fail(
          'identityConfirmed',
          `The client changed their ${[nameDiffers && 'name', dobDiffers && 'date of birth'].filter(Boolean).join(' and ')} from the organization's record`,
        )
      : pass('identityConfirmed', 'The client confirmed the name and date of birth on record'),
  );

  const mrz = data.document.mrz ? readMrz(data.document.mrz, today) : null;
  if (!data.document.mrz) {
    checks.push(notRun('mrzCheckDigits', 'No machine-readable zone was entered'));
    checks.push(notRun('mrzMatchesProfile', 'No machine-readable zone was entered'));
  } else if (!mrz) {
    checks.push(fail('mrzCheckDigits', 'The machine-readable zone is not in a known format (TD1, TD2 or TD3)', true));
    checks.push(notRun('mrzMatchesProfile', 'The machine-readable zone could not be read'));
  } else {
    const digits = mrz.invalid.filter((f) => /CheckDigit$/i.test(f));
    checks.push(
      digits.length
        ? fail('mrzCheckDigits', `Check digits do not match: ${digits.join(', ')}`, true)
        : mrz.invalid.length
          ? fail('mrzCheckDigits', `Check digits match but fields are invalid: ${mrz.invalid.join(', ')}`, true)
          : pass('mrzCheckDigits', `${mrz.format}: every check digit matches`),
    );
    const expectedDob = profile.dateOfBirth ?? who.dateOfBirth;
    // The MRZ holds the first given name at least (later ones may be cut off at the end of the line).
    const givenMrz = mrzText(mrz.firstName ?? '').split(' ')[0];
    const problems = [
      !mrzSpellings(profile.lastName).includes(mrzText(mrz.lastName ?? '')) && 'last name',
      !mrzSpellings(profile.firstName).some((f) => f.split(' ')[0] === givenMrz) && 'first name',
      mrz.dateOfBirth !== expectedDob && 'date of birth',
      mrz.expiryDate !== data.document.expiryDate && 'expiry date (as entered)',
    ].filter(Boolean);
    checks.push(
      problems.length
        ? fail('mrzMatchesProfile', `The machine-readable zone disagrees on: ${problems.join(', ')}`, true)
        : pass('mrzMatchesProfile', 'Name, date of birth and expiry date agree with the profile'),
    );
  }

  // The expiry date: the zone's when it was read with valid digits, else the date the client typed.
  const expiry = mrz?.valid && mrz.expiryDate ? mrz.expiryDate : data.document.expiryDate;
  checks.push(
    expiry >= today
      ? pass('documentNotExpired', `The document is valid until ${expiry}`)
      : fail('documentNotExpired', `The document expired on ${expiry}`),
  );

  const missing = missingAddressParts(data.address);
  checks.push(
    missing.length
      ? fail('addressComplete', `The address lacks: ${missing.join(', ')}`)
      : pass('addressComplete', 'Street, city, region, country and postal code are given'),
  );
  return { checks, mrz };
}

/** Identity: every check that proves the person passes (or could not apply); fraud: no high-risk flag raised. */
export function analyse(checks: Check[]) {
  const identity = checks.every((c) => c.result !== 'fail') ? 'Pass' : 'Fail';
  const fraud = checks.some((c) => c.highRisk && c.result === 'fail') ? 'Fail' : 'Pass';
  return { identityAnalysisResult: identity as 'Pass' | 'Fail', fraudAnalysisResult: fraud as 'Pass' | 'Fail' };
}
