import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentReader, readEligibilityDocument, readIdImages } from '../../src/modules/document-reading/index.ts';
import { passportMrz } from '../support/browser.ts';
import { aamvaPayload, letterPdf, letterPng, licenceBackPng, passportPng } from '../support/documents.ts';

// Reads documents the test drew itself, through the worker-thread pool with one thread (as on a 2-core
// machine), OCR and barcode reading included.
const reader = createDocumentReader({ size: 1, timeoutMs: 30_000 });
afterAll(() => reader.close());

const person = { firstName: 'Anna Maria', lastName: 'Eriksson', dateOfBirth: '1974-08-12' };
const today = '2026-01-15';

describe('reading an ID', () => {
  it('reads the passport zone from the photo, and fails a forged one', async () => {
    const mrz = passportMrz({
      lastName: 'Eriksson',
      firstName: 'Anna Maria',
      number: 'L898902C3',
      birth: '1974-08-12',
      expiry: '2031-04-15',
    });
    const page = passportPng(mrz);
    const input = {
      documentType: 'passport' as const,
      front: { bytes: page.png, width: page.width, height: page.height },
      back: null,
      person,
      entered: { number: 'L898902C3', expiryDate: '2031-04-15' },
      today,
    };
    const good = await readIdImages(reader, input);
    expect(good.mrz).toMatchObject({
      documentNumber: 'L898902C3',
      lastName: 'ERIKSSON',
      firstName: 'ANNA MARIA',
      dateOfBirth: '1974-08-12',
      expiryDate: '2031-04-15',
    });
    expect(good.checks.find((c) => c.name === 'mrzFromImage')).toMatchObject({ result: 'pass' });

    // The birth year changed on the page without its check digit: the zone no longer adds up.
    const [l1, l2] = mrz.split('\n');
    const forged = passportPng(`${l1}\n${l2.slice(0, 13)}8${l2.slice(14)}`);
    const bad = await readIdImages(reader, { ...input, front: { bytes: forged.png, width: forged.width, height: forged.height } });
    expect(bad.checks.find((c) => c.name === 'mrzFromImage')).toMatchObject({ result: 'fail', highRisk: true });
    expect(bad.checks.find((c) => c.name === 'mrzFromImage')?.reason).toMatch(/check digits/);

    // Someone else's passport: the zone is sound but names another person.
    const other = passportPng(
      passportMrz({ lastName: 'Martin', firstName: 'Paul', number: 'X12345678', birth: '1980-01-02', expiry: '2031-04-15' }),
    );
    const theirs = await readIdImages(reader, { ...input, front: { bytes: other.png, width: other.width, height: other.height } });
    expect(theirs.checks.find((c) => c.name === 'mrzFromImage')?.reason).toMatch(/disagrees on: last name, first name, date of birth/);
  });

  it('reads the PDF417 barcode of a licence back, and fails a licence of someone else', async () => {
    const payload = aamvaPayload({
      number: 'D1234567',
      last: 'ERIKSSON',
      first: 'ANNA',
      middle: 'MARIA',
      birth: '1974-08-12',
      expiry: '2030-08-12',
    });
    const back = await licenceBackPng(payload);
    const input = {
      documentType: 'driverLicence' as const,
      front: null,
      back: { bytes: back.png, width: back.width, height: back.height },
      person,
      entered: { number: 'D1234567', expiryDate: '2030-08-12' },
      today,
    };
    const r = await readIdImages(reader, input);
    expect(r.barcode).toMatchObject({
      documentNumber: 'D1234567',
      lastName: 'ERIKSSON',
      firstName: 'ANNA',
      dateOfBirth: '1974-08-12',
      expiryDate: '2030-08-12',
    });
    expect(r.checks.find((c) => c.name === 'barcodeFromImage')).toMatchObject({ result: 'pass' });

    const forged = await licenceBackPng(
      aamvaPayload({ number: 'D1234567', last: 'ERIKSSON', first: 'ANNA', birth: '1990-08-12', expiry: '2030-08-12' }),
    );
    const f = await readIdImages(reader, { ...input, back: { bytes: forged.png, width: forged.width, height: forged.height } });
    expect(f.checks.find((c) => c.name === 'barcodeFromImage')).toMatchObject({ result: 'fail' });
    expect(f.checks.find((c) => c.name === 'barcodeFromImage')?.reason).toMatch(/date of birth/);

    // A back without a barcode: not run, with why.
    const blank = passportPng('NOTHING HERE');
    const n = await readIdImages(reader, { ...input, back: { bytes: blank.png, width: blank.width, height: blank.height } });
    expect(n.checks.find((c) => c.name === 'barcodeFromImage')).toMatchObject({
      result: 'not-run',
      reason: 'No PDF417 barcode was found on the back',
    });
  });
});

describe('reading an eligibility document', () => {
  const submitted = { firstName: 'Léa', lastName: 'Tremblay', organization: 'Université de Montréal' };

  it('reads a French letter by OCR: the name, the organization, the dates, with where they matched', async () => {
    const png = letterPng([
      'Université de Montréal',
      'Attestation d’inscription',
      'Nous certifions que Léa Tremblay est inscrite',
      'pour le trimestre du 1er septembre 2025 au 30 avril 2026.',
      'Fait le 15/08/2025',
    ]);
    const r = await readEligibilityDocument(reader, { mime: 'image/png', bytes: png }, submitted);
    expect(r.source).toBe('ocr');
    expect(r.check).toMatchObject({ result: 'pass' });
    expect(r.match?.name.words.map((w) => [w.word, w.line])).toEqual([
      ['LEA', 2],
      ['TREMBLAY', 2],
    ]);
    expect(r.match?.organization.words.map((w) => [w.word, w.line])).toEqual([['MONTREAL', 0]]);
    expect(r.match?.dates.map((d) => d.date)).toEqual(expect.arrayContaining(['2025-09-01', '2026-04-30', '2025-08-15']));
  });

  it('reads an English PDF by its text layer, and fails a letter for someone else', async () => {
    const lines = [
      'Springfield State University',
      'Office of the Registrar',
      'This is to certify that Lea Tremblay',
      'is enrolled for the term September 1, 2025 to May 15, 2026.',
    ];
    const pdf = await letterPdf(lines);
    const en = { ...submitted, organization: 'Springfield State University' };
    const r = await readEligibilityDocument(reader, { mime: 'application/pdf', bytes: pdf }, en);
    expect(r).toMatchObject({ source: 'pdf-text', check: { result: 'pass' } });
    expect(r.match?.dates.map((d) => d.date)).toEqual(['2025-09-01', '2026-05-15']);

    const other = await readEligibilityDocument(
      reader,
      { mime: 'application/pdf', bytes: await letterPdf(lines.map((l) => l.replace('Lea Tremblay', 'John Smith'))) },
      en,
    );
    expect(other.check).toMatchObject({ result: 'fail' });
    expect(other.check.reason).toMatch(/LEA, TREMBLAY not found/);
  });
});

describe('the pool', () => {
  it('gives up a job past its time limit, as not-run with that reason, and reads the next one', async () => {
    const slow = createDocumentReader({ size: 1, timeoutMs: 1 });
    try {
      const r = await readEligibilityDocument(
        slow,
        { mime: 'image/png', bytes: letterPng(['Lea Tremblay']) },
        { firstName: 'Lea', lastName: 'Tremblay', organization: null },
      );
      expect(r.check).toMatchObject({ result: 'not-run' });
      expect(r.check.reason).toMatch(/took too long/);
    } finally {
      await slow.close();
    }
  });

  it('refuses a job when the queue is full rather than holding it', async () => {
    const small = createDocumentReader({ size: 1, maxQueued: 0, timeoutMs: 30_000 });
    try {
      const png = letterPng(['Lea Tremblay']);
      const [a, b] = await Promise.all([small.text(png), small.text(png)]);
      expect(a.ok).toBe(true);
      expect(b).toMatchObject({ ok: false, why: 'busy' });
    } finally {
      await small.close();
    }
  });
});
