import { describe, expect, it } from 'vitest';
import type { CaptureData } from '../../src/modules/capture/domain/capture.ts';
import {
  analyse,
  CHECK_NAMES,
  type Check,
  type CheckImage,
  type CheckInput,
  runChecks,
} from '../../src/modules/id-reports/domain/checks.ts';
import { foldName, mrzSpellings, readMrz } from '../../src/shared/mrz.ts';
import { anna, checkDigit, type Holder, nameField, td3, withDigit } from '../support/mrz.ts';

// The specimens printed in ICAO Doc 9303 (parts 4, 5 and 6) for the fictional state of Utopia.
const SPECIMEN = {
  TD3: ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'],
  TD1: ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'],
  TD2: ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'],
};

/** An identity card zone (TD1), part 5: the optional fields left empty. */
function td1(over: Holder = {}): string {
  const h = { ...anna, number: 'D23145890', ...over };
  const line1 = `I<${h.state}${withDigit(h.number.padEnd(9, '<'))}`.padEnd(30, '<');
  const line2 = `${withDigit(h.birth)}${h.sex}${withDigit(h.expiry)}${h.state}`.padEnd(29, '<');
  const composite = checkDigit(line1.slice(5, 30) + line2.slice(0, 7) + line2.slice(8, 15) + line2.slice(18, 29));
  return `${line1}\n${line2}${composite}\n${nameField(h, 30)}`;
}

/** A two-line card zone (TD2), part 6. */
function td2(over: Holder = {}): string {
  const h = { ...anna, number: 'D23145890', ...over };
  const line2 = `${withDigit(h.number.padEnd(9, '<'))}${h.state}${withDigit(h.birth)}${h.sex}${withDigit(h.expiry)}`.padEnd(35, '<');
  const composite = checkDigit(line2.slice(0, 10) + line2.slice(13, 20) + line2.slice(21, 35));
  return `I<${h.state}${nameField(h, 31)}\n${line2}${composite}`;
}

/** Which check digits of a TD3 zone's second line disagree with its fields, by the ICAO rule, in field order. */
function wrongTd3Digits(zone: string): string[] {
  const l = zone.split('\n')[1];
  const fields: [string, string, string][] = [
    ['documentNumberCheckDigit', l.slice(0, 9), l[9]],
    ['birthDateCheckDigit', l.slice(13, 19), l[19]],
    ['expirationDateCheckDigit', l.slice(21, 27), l[27]],
    ['personalNumberCheckDigit', l.slice(28, 42), l[42]],
    ['compositeCheckDigit', l.slice(0, 10) + l.slice(13, 20) + l.slice(21, 43), l[43]],
  ];
  return fields.filter(([, data, digit]) => checkDigit(data) !== digit).map(([name]) => name);
}

/** The TD3 specimen with one character of its second line replaced. */
const tamper = (at: number, c: string) => {
  const [l1, l2] = SPECIMEN.TD3;
  return `${l1}\n${l2.slice(0, at)}${c}${l2.slice(at + 1)}`;
};

// Utopia is no real state, so the zone reader refuses its code; the same holder in Canada reads clean.
const CANADA = { state: 'CAN' };

describe('the check digit rule of this test', () => {
  it('gives the digits printed on the ICAO specimens', () => {
    expect(td3()).toBe(SPECIMEN.TD3.join('\n'));
    expect(td1({ number: 'D23145890' })).toBe(SPECIMEN.TD1.join('\n'));
    expect(td2({ number: 'D23145890' })).toBe(SPECIMEN.TD2.join('\n'));
    expect(wrongTd3Digits(td3())).toEqual([]);
    expect(['L898902C3', '740812', '120415', 'ZE184226B<<<<<'].map(checkDigit)).toEqual(['6', '2', '9', '1']);
  });
});

describe('readMrz', () => {
  const today = '2026-03-01';
  const anna1974 = {
    lastName: 'ERIKSSON',
    firstName: 'ANNA MARIA',
    dateOfBirth: '1974-08-12',
    expiryDate: '2012-04-15',
  };

  it.each([
    ['TD3', 'L898902C3'],
    ['TD1', 'D23145890'],
    ['TD2', 'D23145890'],
  ] as const)('reads the %s specimen; its digits hold, but Utopia is no state code', (format, documentNumber) => {
    expect(readMrz(SPECIMEN[format].join('\n'), today)).toEqual({
      valid: false,
      format,
      documentNumber,
      ...anna1974,
      nationality: null,
      issuingState: null,
      invalid: ['issuingState', 'nationality'],
    });
  });

  it.each([
    ['TD3', td3(CANADA), 'L898902C3'],
    ['TD1', td1(CANADA), 'D23145890'],
    ['TD2', td2(CANADA), 'D23145890'],
  ])('reads a %s zone of a real state as valid', (format, zone, documentNumber) => {
    expect(readMrz(zone, today)).toEqual({
      valid: true,
      format,
      documentNumber,
      ...anna1974,
      nationality: 'CAN',
      issuingState: 'CAN',
      invalid: [],
    });
  });

  it.each([
    ['', 'no text'],
    ['P<CANNOTAZONE', 'one short line'],
    [SPECIMEN.TD3[0], 'the first line alone'],
    [`${SPECIMEN.TD3[0]}\n${SPECIMEN.TD3[1].slice(0, 43)}`, 'a line one character short'],
    [`${SPECIMEN.TD3.join('\n')}\n${SPECIMEN.TD3[1]}`, 'a third line on a passport'],
    [`${SPECIMEN.TD3[0].slice(0, 40)}\n${SPECIMEN.TD3[1].slice(0, 40)}`, 'lines of no known length'],
  ])('cannot read %j (%s)', (zone) => {
    expect(readMrz(zone, today)).toBeNull();
  });

  it.each([
    ['740812', '2026-03-01', '1974-08-12'],
    ['260301', '2026-03-01', '2026-03-01'], // born today
    ['260302', '2026-03-01', '1926-03-02'], // tomorrow in this century: a birth is never in the future
    ['051231', '2026-03-01', '2005-12-31'],
    ['000229', '2026-03-01', '2000-02-29'],
    ['280229', '2026-03-01', '1928-02-29'], // a leap day of the last century
    ['250229', '2026-03-01', null], // 2025 and 1925 have no 29 February
    ['740231', '2026-03-01', null], // the zone's own format takes day 31 in any month
    ['740431', '2026-03-01', null],
  ])('a birth date %s read on %s is %s', (birth, day, expected) => {
    const r = readMrz(td3({ ...CANADA, birth }), day);
    expect(r?.dateOfBirth).toBe(expected);
    expect(r?.invalid).toEqual([]);
  });

  it.each([
    ['120415', '2012-04-15'],
    ['000101', '2000-01-01'],
    ['691231', '2069-12-31'],
    ['700101', '1970-01-01'], // 70 and later: the last century
    ['991231', '1999-12-31'],
    ['310229', null],
    ['310431', null],
  ])('an expiry date %s is %s, whatever the day', (expiry, expected) => {
    for (const day of ['1990-01-01', '2026-03-01', '2080-01-01']) {
      expect(readMrz(td3({ ...CANADA, expiry }), day)?.expiryDate).toBe(expected);
    }
  });
});

// A passport client whose record, confirmation and zone all agree, on a day before the specimen expires.
const today = '2011-06-01';
const profile: CheckInput['profile'] = { firstName: 'Anna Maria', middleName: null, lastName: 'Eriksson', dateOfBirth: '1974-08-12' };
const identity: NonNullable<CaptureData['identity']> = {
  firstName: 'Anna Maria',
  middleName: null,
  lastName: 'Eriksson',
  dateOfBirth: '1974-08-12',
};
const document: NonNullable<CaptureData['document']> = {
  type: 'passport',
  number: 'L898902C3',
  issuingCountry: 'Canada',
  expiryDate: '2012-04-15',
  mrz: td3(CANADA),
};
const address = { address: '1 Main St', city: 'Ottawa', province: 'ON', country: 'Canada', countryCode: 'CA', postalCode: 'K1A 0B1' };
const front: CheckImage = { kind: 'front', width: 1600, height: 1200, fileSize: 200_000, digest: 'front-digest' };
const back: CheckImage = { kind: 'back', width: 1600, height: 1200, fileSize: 190_000, digest: 'back-digest' };
const selfie: CheckImage = { kind: 'selfie', width: 1200, height: 1600, fileSize: 150_000, digest: 'selfie-digest' };

interface Change {
  profile?: Partial<CheckInput['profile']>;
  identity?: Partial<typeof identity>;
  document?: Partial<typeof document>;
  address?: Partial<NonNullable<CaptureData['address']>>;
  images?: CheckImage[];
  shared?: CheckImage['kind'][];
  today?: string;
}
function run(c: Change = {}) {
  return runChecks({
    profile: { ...profile, ...c.profile },
    data: { identity: { ...identity, ...c.identity }, document: { ...document, ...c.document }, address: { ...address, ...c.address } },
    images: c.images ?? [front, selfie],
    sharedWithOtherClient: new Set(c.shared ?? []),
    today: c.today ?? today,
  });
}
const check = (c: Change, name: (typeof CHECK_NAMES)[number]) => run(c).checks.find((k) => k.name === name);
const passed = (name: string, reason: string): Check => ({ name, result: 'pass', reason, highRisk: false });
const failed = (name: string, reason: string, highRisk: boolean): Check => ({ name, result: 'fail', reason, highRisk });
const notRun = (name: string, reason: string): Check => ({ name, result: 'not-run', reason, highRisk: false });

describe('runChecks: a consistent passport capture', () => {
  it('passes every check, in report order, and returns what the zone said', () => {
    const r = run();
    expect(r.checks).toEqual([
      passed('documentFront', '1600x1200 pixels, 200000 bytes'),
      notRun('documentBack', 'A passport has no back to photograph'),
      passed('selfie', '1200x1600 pixels, 150000 bytes'),
      passed('identityConfirmed', 'The client confirmed the name and date of birth on record'),
      passed('mrzCheckDigits', 'TD3: every check digit matches'),
      passed('mrzMatchesProfile', 'Name, date of birth and expiry date agree with the profile'),
      passed('documentNotExpired', 'The document is valid until 2012-04-15'),
      passed('addressComplete', 'Street, city, region, country and postal code are given'),
    ]);
    expect(r.checks.map((k) => k.name)).toEqual([...CHECK_NAMES]);
    expect(r.mrz).toEqual(readMrz(td3(CANADA), today));
    expect(analyse(r.checks)).toEqual({ identityAnalysisResult: 'Pass', fraudAnalysisResult: 'Pass' });
  });
});

describe('runChecks: photos', () => {
  it.each([
    [640, 480, 10_240, null],
    [480, 640, 10_240, null],
    [12_000, 9_000, 5_000_000, null],
    [639, 480, 50_000, 'The image is 639x480 pixels; at least 640x480 is needed to read it'],
    [640, 479, 50_000, 'The image is 640x479 pixels; at least 640x480 is needed to read it'],
    [479, 4000, 50_000, 'The image is 479x4000 pixels; at least 640x480 is needed to read it'],
    [320, 200, 50_000, 'The image is 320x200 pixels; at least 640x480 is needed to read it'],
    [12_001, 9_000, 5_000_000, 'The image is 12001x9000 pixels; at most 12000 on a side is accepted'],
    [9_000, 12_001, 5_000_000, 'The image is 9000x12001 pixels; at most 12000 on a side is accepted'],
    [1600, 1200, 10_239, 'The image is only 10239 bytes; a photo this small carries too little detail'],
  ])('a %ix%i photo of %i bytes: %s', (width, height, fileSize, problem) => {
    const r = run({ images: [{ ...front, width, height, fileSize }, selfie] }).checks[0];
    // Too small or absurd is a poor photo, not a fraud flag.
    expect(r).toEqual(
      problem ? failed('documentFront', problem, false) : passed('documentFront', `${width}x${height} pixels, ${fileSize} bytes`),
    );
  });

  it('a photo that never came fails, not as a fraud flag', () => {
    expect(check({ images: [selfie] }, 'documentFront')).toEqual(
      failed('documentFront', 'No photo of the document front was received', false),
    );
    expect(check({ images: [front] }, 'selfie')).toEqual(failed('selfie', 'No selfie was received', false));
  });

  it('a card needs its back, judged by the same rules', () => {
    const card = { type: 'idCard' as const, mrz: null };
    expect(check({ document: card, images: [front, back, selfie] }, 'documentBack')).toEqual(
      passed('documentBack', '1600x1200 pixels, 190000 bytes'),
    );
    expect(check({ document: card }, 'documentBack')).toEqual(failed('documentBack', 'No photo of the document back was received', false));
    expect(check({ document: card, images: [front, { ...back, width: 300, height: 200 }, selfie] }, 'documentBack')).toEqual(
      failed('documentBack', 'The image is 300x200 pixels; at least 640x480 is needed to read it', false),
    );
  });

  it('a passport has no back to check, even when a back photo was sent', () => {
    expect(check({ images: [front, back, selfie] }, 'documentBack')).toEqual(
      notRun('documentBack', 'A passport has no back to photograph'),
    );
  });

  it('a file also sent for another client is a fraud flag, before its size is judged', () => {
    const card = { type: 'driverLicence' as const, mrz: null };
    const tiny = { ...front, width: 10, height: 10, fileSize: 100 };
    const r = run({ document: card, images: [tiny, back, selfie], shared: ['front', 'back', 'selfie'] });
    expect(r.checks.slice(0, 3)).toEqual([
      failed('documentFront', 'The photo of the document front is the same file as one sent for another client', true),
      failed('documentBack', 'The photo of the document back is the same file as one sent for another client', true),
      failed('selfie', 'The selfie is the same file as one sent for another client', true),
    ]);
    // Only the kinds named are flagged.
    expect(run({ shared: ['selfie'] }).checks[0]).toEqual(passed('documentFront', '1600x1200 pixels, 200000 bytes'));
  });

  it('a selfie that is the same file as a photo of the document is a fraud flag', () => {
    const reused = failed('selfie', 'The selfie is the same file as a photo of the document', true);
    expect(check({ images: [front, { ...selfie, digest: front.digest }] }, 'selfie')).toEqual(reused);
    const card = { type: 'prCard' as const, mrz: null };
    expect(check({ document: card, images: [front, back, { ...selfie, digest: back.digest }] }, 'selfie')).toEqual(reused);
    // Said so even when the file was also sent for another client.
    expect(check({ images: [front, { ...selfie, digest: front.digest }], shared: ['selfie'] }, 'selfie')).toEqual(reused);
  });
});

describe('runChecks: the identity the client confirmed', () => {
  it.each([
    [{}, {}],
    [{ firstName: 'anna maría', lastName: 'ERIKSSON' }, {}],
    [{ firstName: 'Anna-Maria' }, {}],
    [{ firstName: '  Anna   Maria ' }, {}],
    [{ dateOfBirth: '1980-01-01' }, { dateOfBirth: null }], // no birth date on record: nothing to differ from
  ])('%j against the record %j passes', (changed, record) => {
    expect(check({ identity: changed, profile: record }, 'identityConfirmed')).toEqual(
      passed('identityConfirmed', 'The client confirmed the name and date of birth on record'),
    );
  });

  it.each([
    [{ firstName: 'Maria' }, 'name'],
    [{ lastName: 'Andersson' }, 'name'],
    [{ lastName: 'Eriksson Andersson' }, 'name'],
    [{ dateOfBirth: '1974-08-13' }, 'date of birth'],
    [{ lastName: 'Andersson', dateOfBirth: '1974-08-13' }, 'name and date of birth'],
  ])('%j fails on the %s, not as a fraud flag', (changed, what) => {
    expect(check({ identity: changed }, 'identityConfirmed')).toEqual(
      failed('identityConfirmed', `The client changed their ${what} from the organization's record`, false),
    );
  });
});

describe('runChecks: the machine-readable zone', () => {
  const none = [
    notRun('mrzCheckDigits', 'No machine-readable zone was entered'),
    notRun('mrzMatchesProfile', 'No machine-readable zone was entered'),
  ];

  it.each([null, ''])('none entered (%j): both zone checks do not run', (mrz) => {
    const r = run({ document: { mrz } });
    expect(r.checks.slice(4, 6)).toEqual(none);
    expect(r.mrz).toBeNull();
    expect(analyse(r.checks)).toEqual({ identityAnalysisResult: 'Pass', fraudAnalysisResult: 'Pass' });
  });

  it.each(['P<CANNOTAZONE', `${SPECIMEN.TD3[0]}\n${SPECIMEN.TD3[1].slice(0, 43)}`, SPECIMEN.TD3[1]])(
    'unreadable (%j): a fraud flag, and no comparison',
    (mrz) => {
      const r = run({ document: { mrz } });
      expect(r.checks.slice(4, 6)).toEqual([
        failed('mrzCheckDigits', 'The machine-readable zone is not in a known format (TD1, TD2 or TD3)', true),
        notRun('mrzMatchesProfile', 'The machine-readable zone could not be read'),
      ]);
      expect(r.mrz).toBeNull();
      expect(analyse(r.checks)).toEqual({ identityAnalysisResult: 'Fail', fraudAnalysisResult: 'Fail' });
    },
  );

  it.each([
    ['TD3', td3(CANADA)],
    ['TD1', td1(CANADA)],
    ['TD2', td2(CANADA)],
  ])('a %s zone with every digit right passes', (format, mrz) => {
    const r = run({ document: { mrz } });
    expect(r.checks.slice(4, 6)).toEqual([
      passed('mrzCheckDigits', `${format}: every check digit matches`),
      passed('mrzMatchesProfile', 'Name, date of birth and expiry date agree with the profile'),
    ]);
  });

  // Positions in the specimen's second line: number 0-8 (digit 9), birth 13-18 (19), expiry 21-26 (27),
  // personal number 28-41 (42), composite 43.
  it.each([
    ['a document number character', 3, '7'],
    ['the document number digit', 9, '7'],
    ['a birth date digit', 18, '3'],
    ['the birth date check digit', 19, '8'],
    ['an expiry date digit', 25, '2'],
    ['the expiry check digit', 27, '0'],
    ['a personal number character', 30, 'X'],
    ['the personal number digit', 42, '2'],
    ['the composite digit', 43, '1'],
  ])('%s changed on the specimen: the digits the ICAO rule finds wrong are named, as a fraud flag', (_what, at, c) => {
    const mrz = tamper(at, c);
    const wrong = wrongTd3Digits(mrz);
    expect(wrong.length).toBeGreaterThan(0);
    expect(check({ document: { mrz } }, 'mrzCheckDigits')).toEqual(
      failed('mrzCheckDigits', `Check digits do not match: ${wrong.join(', ')}`, true),
    );
  });

  it('a changed field fails both its own digit and the composite', () => {
    expect(wrongTd3Digits(tamper(18, '3'))).toEqual(['birthDateCheckDigit', 'compositeCheckDigit']);
    expect(check({ document: { mrz: tamper(18, '3') } }, 'mrzCheckDigits')?.reason).toBe(
      'Check digits do not match: birthDateCheckDigit, compositeCheckDigit',
    );
    expect(check({ document: { mrz: tamper(43, '1') } }, 'mrzCheckDigits')?.reason).toBe('Check digits do not match: compositeCheckDigit');
  });

  it('right digits around an invalid field still fail, naming the field', () => {
    expect(check({ document: { mrz: SPECIMEN.TD3.join('\n') } }, 'mrzCheckDigits')).toEqual(
      failed('mrzCheckDigits', 'Check digits match but fields are invalid: issuingState, nationality', true),
    );
    expect(check({ document: { mrz: td3({ ...CANADA, sex: 'Q' }) } }, 'mrzCheckDigits')).toEqual(
      failed('mrzCheckDigits', 'Check digits match but fields are invalid: sex', true),
    );
  });

  it.each([
    [{ surname: 'SMITH<JONES' }, { lastName: 'Smith-Jones' }],
    [{ given: 'ANNA' }, { firstName: 'Anna' }],
    [{}, { firstName: 'Anna' }], // the first given name is what is compared
    [{ given: 'ANNA' }, { firstName: 'Ánna María' }],
    [
      { surname: 'ERIKSSON', given: 'ANNA MARIA' },
      { firstName: 'anna-maria', lastName: 'eriksson' },
    ],
    // ICAO 9303 spellings: apostrophes left out, umlauts as two letters or one, Ø as OE, Ł as L.
    [{ surname: 'OBRIEN' }, { lastName: "O'Brien" }],
    [{ surname: 'OBRIEN' }, { lastName: 'O\u2019Brien' }],
    [
      { surname: 'MUELLER', given: 'JOERG' },
      { firstName: 'Jörg', lastName: 'Müller' },
    ],
    [
      { surname: 'MULLER', given: 'JORG' },
      { firstName: 'Jörg', lastName: 'Müller' },
    ],
    [
      { surname: 'SOERENSEN', given: 'LUKASZ' },
      { firstName: 'Łukasz', lastName: 'Sørensen' },
    ],
    [{ surname: 'STRASSE' }, { lastName: 'Straße' }],
  ] as [Holder, { firstName?: string; lastName?: string }][])('a zone %j agrees with a record %j', (holder, record) => {
    expect(check({ document: { mrz: td3({ ...CANADA, ...holder }) }, profile: record, identity: record }, 'mrzMatchesProfile')).toEqual(
      passed('mrzMatchesProfile', 'Name, date of birth and expiry date agree with the profile'),
    );
  });

  it.each([
    [{ profile: { lastName: 'Andersson' } }, 'last name'],
    [{ profile: { firstName: 'Maria' } }, 'first name'],
    [{ profile: { firstName: 'Maria Anna' } }, 'first name'],
    [{ profile: { dateOfBirth: '1974-08-13' } }, 'date of birth'],
    [{ profile: { dateOfBirth: null }, identity: { dateOfBirth: '1975-01-01' } }, 'date of birth'],
    [{ document: { mrz: td3({ ...CANADA, birth: '740231' }) } }, 'date of birth'], // no such day
    [{ document: { expiryDate: '2012-04-16' } }, 'expiry date (as entered)'],
    [{ document: { mrz: td3({ ...CANADA, expiry: '310431' }) } }, 'expiry date (as entered)'],
    [{ document: { mrz: td3({ ...CANADA, given: '' }) } }, 'first name'],
    [
      { profile: { lastName: 'Andersson', firstName: 'Maria', dateOfBirth: '1980-01-01' }, document: { expiryDate: '2020-01-01' } },
      'last name, first name, date of birth, expiry date (as entered)',
    ],
  ] as [Change, string][])('%j: the zone disagrees on the %s, a fraud flag', (change, what) => {
    expect(check(change, 'mrzMatchesProfile')).toEqual(
      failed('mrzMatchesProfile', `The machine-readable zone disagrees on: ${what}`, true),
    );
  });

  it("compares with the organization's record, falling back to the confirmed birth date only when the record has none", () => {
    // The client confirmed other details than the record's: the zone is judged against the record.
    expect(check({ identity: { lastName: 'Smith', dateOfBirth: '1980-01-01' } }, 'mrzMatchesProfile')?.result).toBe('pass');
    expect(check({ profile: { dateOfBirth: null } }, 'mrzMatchesProfile')?.result).toBe('pass');
  });

  it('is compared even when its digits are wrong', () => {
    const r = run({ document: { mrz: tamper(43, '1') }, profile: { lastName: 'Andersson' } });
    expect(r.checks[5]).toEqual(failed('mrzMatchesProfile', 'The machine-readable zone disagrees on: last name', true));
  });
});

describe('runChecks: expiry', () => {
  it.each([
    ['2012-04-15', '2012-04-15', 'pass'],
    ['2012-04-15', '2012-04-14', 'pass'],
    ['2012-04-15', '2012-04-16', 'fail'],
  ])('typed expiry %s on %s: %s', (expiryDate, day, result) => {
    const expected =
      result === 'pass'
        ? passed('documentNotExpired', `The document is valid until ${expiryDate}`)
        : failed('documentNotExpired', `The document expired on ${expiryDate}`, false);
    expect(check({ document: { expiryDate, mrz: null }, today: day }, 'documentNotExpired')).toEqual(expected);
  });

  it('takes the date from a zone read valid over the one typed', () => {
    expect(check({ document: { expiryDate: '2030-01-01' }, today: '2020-01-01' }, 'documentNotExpired')).toEqual(
      failed('documentNotExpired', 'The document expired on 2012-04-15', false),
    );
  });

  it('takes the typed date when the zone is not valid, unreadable, or names no real day', () => {
    const typed = passed('documentNotExpired', 'The document is valid until 2030-01-01');
    for (const mrz of [SPECIMEN.TD3.join('\n'), tamper(43, '1'), 'P<CANNOTAZONE', td3({ ...CANADA, expiry: '310431' })]) {
      expect(check({ document: { expiryDate: '2030-01-01', mrz }, today: '2020-01-01' }, 'documentNotExpired')).toEqual(typed);
    }
  });
});

describe('runChecks: address', () => {
  it('fails, not as a fraud flag, naming what is missing', () => {
    expect(check({ address: { province: null, postalCode: '' } }, 'addressComplete')).toEqual(
      failed('addressComplete', 'The address lacks: province or state, postal code', false),
    );
    expect(check({ address: { postalCode: '12345' } }, 'addressComplete')).toEqual(
      failed('addressComplete', 'The address lacks: a valid CA postal code', false),
    );
  });
});

describe('analyse', () => {
  const ok = passed('a', 'ok');
  const skipped = notRun('b', 'n/a');
  const poor = failed('c', 'poor', false);
  const fraud = failed('d', 'fraud', true);
  it.each([
    [[], 'Pass', 'Pass'],
    [[ok, skipped], 'Pass', 'Pass'],
    [[skipped], 'Pass', 'Pass'],
    [[ok, poor], 'Fail', 'Pass'],
    [[ok, fraud], 'Fail', 'Fail'],
    [[poor, fraud, skipped], 'Fail', 'Fail'],
    // A high-risk mark only counts on a failed check.
    [
      [
        { ...ok, highRisk: true },
        { ...skipped, highRisk: true },
      ],
      'Pass',
      'Pass',
    ],
  ] as [Check[], string, string][])('%j: identity %s, fraud %s', (checks, identityAnalysisResult, fraudAnalysisResult) => {
    expect(analyse(checks)).toEqual({ identityAnalysisResult, fraudAnalysisResult });
  });

  it('a failed photo check alone fails identity but not fraud; a document reused by another client fails both', () => {
    expect(analyse(run({ images: [selfie] }).checks)).toEqual({ identityAnalysisResult: 'Fail', fraudAnalysisResult: 'Pass' });
    expect(analyse(run({ shared: ['front'] }).checks)).toEqual({ identityAnalysisResult: 'Fail', fraudAnalysisResult: 'Fail' });
  });
});

describe('foldName', () => {
  it.each([
    ['Anna Maria', 'ANNA MARIA'],
    ['Anna-María', 'ANNA MARIA'],
    ['  jean   luc ', 'JEAN LUC'],
    ['Zoë', 'ZOE'],
    ['François', 'FRANCOIS'],
    ['Nguyễn', 'NGUYEN'],
    ['Straße', 'STRASSE'],
    ['Smith-Jones', 'SMITH JONES'],
    ['ERIKSSON<<ANNA', 'ERIKSSON ANNA'],
    ['', ''],
    ['---', ''],
  ])('%j folds to %j', (name, folded) => {
    expect(foldName(name)).toBe(folded);
  });
});

describe('names in other scripts', () => {
  it('keeps letters of any script, so a change of a Cyrillic or Han name is seen', () => {
    expect(foldName('Иван Петров')).toBe('ИВАН ПЕТРОВ');
    expect(foldName('王小明')).toBe('王小明');
    const record = { firstName: 'Иван', lastName: 'Петров' };
    expect(check({ profile: record, identity: record }, 'identityConfirmed')).toEqual(
      passed('identityConfirmed', 'The client confirmed the name and date of birth on record'),
    );
    expect(check({ profile: record, identity: { firstName: 'Пётр', lastName: 'Сидоров' } }, 'identityConfirmed')).toEqual(
      failed('identityConfirmed', "The client changed their name from the organization's record", false),
    );
  });

  it('has no MRZ spelling: the zone cannot agree with it', () => {
    expect(mrzSpellings('Петров')).toEqual([]);
    expect(mrzSpellings("O'Brien-Smith")).toEqual(['OBRIEN SMITH']);
    expect(mrzSpellings('Müller')).toEqual(['MUELLER', 'MULLER']);
  });
});
