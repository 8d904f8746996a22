import { describe, expect, it } from 'vitest';
import { createMakingInspector, judgeMaking } from '../../src/modules/documents/domain/making-signals.ts';
import { autoDecision, locateMrz, matchText, parseAamva, pdfText } from '../../src/modules/document-reading/index.ts';
import { aamvaDate } from '../../src/modules/document-reading/domain/aamva.ts';
import { passportMrz } from '../support/browser.ts';
import { aamvaPayload, letterPdf, passportPng } from '../support/documents.ts';

describe('the AAMVA barcode payload', () => {
  it('reads a version 10 licence: name, dates (US order), number', () => {
    const f = parseAamva(
      aamvaPayload({ number: 'D1234567', last: 'ERIKSSON', first: 'ANNA', middle: 'MARIA', birth: '1974-08-12', expiry: '2030-08-12' }),
    );
    expect(f).toMatchObject({
      issuerId: '636014',
      version: 10,
      documentNumber: 'D1234567',
      lastName: 'ERIKSSON',
      firstName: 'ANNA',
      middleName: 'MARIA',
      dateOfBirth: '1974-08-12',
      expiryDate: '2030-08-12',
      issueDate: '2021-03-01',
      country: 'USA',
    });
  });

  it('reads a version 1 card with the whole name in DAA and dates year first', () => {
    const text = '@\n\x1e\rANSI 6360170101DL00290150DLDAQ123456789\nDAALAPOINTE,MARIE,CLAIRE\nDBB19851231\nDBA20291231\nDCGCAN\r';
    expect(parseAamva(text)).toMatchObject({
      lastName: 'LAPOINTE',
      firstName: 'MARIE',
      middleName: 'CLAIRE',
      dateOfBirth: '1985-12-31',
      expiryDate: '2029-12-31',
    });
  });

  it('reads given names from DCT (versions 2 and 3) and leaves out NONE', () => {
    const text = '@\n\x1e\rANSI 636020030002DL00410200DLDCSSMITH\nDCTJOHN PAUL\nDADNONE\nDAQS1\nDBB02291988\nDBA02282027\r';
    expect(parseAamva(text)).toMatchObject({ firstName: 'JOHN', middleName: 'PAUL', dateOfBirth: '1988-02-29', expiryDate: '2027-02-28' });
  });

  it('answers null for what is not a licence barcode, and no date for a day that does not exist', () => {
    expect(parseAamva('https://example.com/ticket/42')).toBeNull();
    expect(aamvaDate('02301990', 'USA')).toBeNull();
    expect(aamvaDate('1990023', 'USA')).toBeNull();
  });
});

describe('locating the machine-readable zone in OCR lines', () => {
  const mrz = passportMrz({ lastName: 'Eriksson', firstName: 'Anna', number: 'L898902C3', birth: '1974-08-12', expiry: '2031-04-15' });
  const [l1, l2] = mrz.split('\n');

  it('finds it among other lines and puts right the usual slips: O for 0, spaces, lost fillers, a doubled letter', () => {
    const noisy = [
      'PASSPORT PASSEPORT',
      'Surname / Nom ERIKSSON',
      l1.replace('ERIKSSON', 'ERI KSSON').replace(/<{4}$/, ''),
      `${l2.slice(0, 10)}CANN${l2.slice(13).replace(/0/g, 'O')}`,
    ];
    const found = locateMrz(noisy);
    expect(found?.format).toBe('TD3');
    expect(found?.lines).toEqual([l1, l2]);
  });

  it('finds nothing in a page without one', () => {
    expect(locateMrz(['Université de Montréal', 'Attestation'])).toBeNull();
  });
});

describe('matching a document text with what the person submitted', () => {
  it('finds the name and organization with where, allows one slip in long words, and reads dates both ways', () => {
    const m = matchText('UNIVERSITY OF SPRINGFEILD\nStudent: Lea Trembley\nTerm: 1er septembre 2025 - 2026-04-30\nIssued March 3, 2025', {
      firstName: 'Léa',
      lastName: 'Tremblay',
      organization: 'University of Springfield',
    });
    expect(m.name.words).toEqual([
      { word: 'LEA', line: 1, read: 'LEA', distance: 0 },
      { word: 'TREMBLAY', line: 1, read: 'TREMBLEY', distance: 1 },
    ]);
    // Two letters swapped is two slips: not a match.
    expect(m.organization.words).toEqual([{ word: 'SPRINGFIELD', line: null, read: null, distance: null }]);
    expect(m.dates.map((d) => d.date)).toEqual(['2025-09-01', '2026-04-30', '2025-03-03']);
    expect(m.score).toBe(0.6);
  });

  it('does not take a short word one letter off, nor a made-up date', () => {
    const m = matchText('Lee Tremblay 31/02/2025', { firstName: 'Lea', lastName: 'Tremblay', organization: null });
    expect(m.name.words[0]).toMatchObject({ word: 'LEA', line: null });
    expect(m.dates).toEqual([]);
    expect(m.score).toBe(0.5);
  });
});

describe('the text layer of a PDF', () => {
  it('reads the lines a generator wrote', async () => {
    const text = pdfText(await letterPdf(['Office of the Registrar', 'Lea Tremblay (Montréal)']));
    expect(text.split('\n')).toEqual(['Office of the Registrar', 'Lea Tremblay (Montréal)']);
  });
});

describe('tampering signals on the generated documents', () => {
  it('an image saved by an editor, and a PDF generated minutes before upload, each raise their signal with its reason', async () => {
    const edited = passportPng('P<CAN', { software: 'GIMP 2.10.36' }).png;
    const img = createMakingInspector('image/png');
    img.push(edited);
    expect(judgeMaking(img.finish(), new Date())).toMatchObject({ flags: ['EDITED_WITH_SOFTWARE'], details: { editedWith: ['GIMP'] } });

    // A PDF whose Info dictionary names a generator and a creation time 5 minutes before the upload.
    const now = new Date('2026-01-15T10:00:00Z');
    const pdf = createMakingInspector('application/pdf');
    pdf.push(
      Buffer.from(
        '%PDF-1.4\n1 0 obj\n<< /Producer (Canva) /CreationDate (D:20260115095500Z) >>\nendobj\ntrailer\n<< /Info 1 0 R >>\n%%EOF\n',
      ),
    );
    const judged = judgeMaking(pdf.finish(), now);
    expect(judged.flags).toEqual(['EDITED_WITH_SOFTWARE', 'MADE_JUST_BEFORE_UPLOAD']);
    expect(judged.details).toMatchObject({ editedWith: ['Canva'], minutesBeforeUpload: 5 });

    const clean = createMakingInspector('image/png');
    clean.push(passportPng('P<CAN').png);
    expect(judgeMaking(clean.finish(), now).flags).toEqual([]);
  });
});

describe('automatic decisions', () => {
  const pass = (name: string) => ({ name, result: 'pass' as const, reason: '' });
  const fail = (name: string) => ({ name, result: 'fail' as const, reason: '' });
  const notRun = (name: string) => ({ name, result: 'not-run' as const, reason: '' });

  it('leaves everything to a reviewer when off (the default)', () => {
    expect(autoDecision([pass('selfie'), pass('mrzFromImage')], { autoApprove: false, autoRejectOn: [] }).decision).toBeNull();
  });

  it('approves only when every check passed and the document itself was read', () => {
    const on = { autoApprove: true, autoRejectOn: [] };
    expect(autoDecision([pass('selfie'), pass('mrzFromImage'), notRun('barcodeFromImage')], on).decision).toBe('APPROVE');
    expect(autoDecision([pass('selfie'), notRun('mrzFromImage')], on)).toMatchObject({ decision: null, reason: /could not be read/ });
    expect(autoDecision([fail('selfie'), pass('mrzFromImage')], on)).toMatchObject({ decision: null, reason: /selfie failed/ });
  });

  it('rejects on the failures the setting names, and only those', () => {
    const s = { autoApprove: false, autoRejectOn: ['mrzFromImage'] };
    expect(autoDecision([fail('mrzFromImage')], s).decision).toBe('REJECT');
    expect(autoDecision([fail('selfie')], s).decision).toBeNull();
  });
});
