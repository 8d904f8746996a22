// Documents read per second by the reading pool at its default size (the machine's cores less one), and,
// for comparison, with one thread. Each document is a passport page (MRZ by OCR), a licence back (PDF417)
// or an enrollment letter (OCR, English and French), drawn as the tests draw them. Also measures how long
// the main thread's event loop is held while the pool works (it should stay near zero: the reading runs in
// threads). Run: npx tsx bench/checks.ts [documents per round]
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createDocumentReader, defaultPoolSize, readEligibilityDocument, readIdImages } from '../src/modules/document-reading/index.ts';
import { passportMrz } from '../test/support/browser.ts';
import { aamvaPayload, letterPng, licenceBackPng, passportPng } from '../test/support/documents.ts';

const count = Number(process.argv[2]) || 12;
const person = { firstName: 'Anna', lastName: 'Eriksson', dateOfBirth: '1974-08-12' };
const passport = passportPng(
  passportMrz({ lastName: 'Eriksson', firstName: 'Anna', number: 'L898902C3', birth: '1974-08-12', expiry: '2031-04-15' }),
);
const licence = await licenceBackPng(
  aamvaPayload({ number: 'D1234567', last: 'ERIKSSON', first: 'ANNA', birth: '1974-08-12', expiry: '2030-08-12' }),
);
const letter = letterPng([
  'Springfield State University',
  'This is to certify that Anna Eriksson',
  'is enrolled for the term September 1, 2025 to May 15, 2026.',
]);
const entered = { number: null, expiryDate: null };
const today = '2026-01-15';

async function round(threads: number) {
  const reader = createDocumentReader({ size: threads, maxQueued: count });
  // Warm each thread (model loading) before timing.
  await Promise.all(Array.from({ length: threads }, () => reader.text(letter)));
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const start = performance.now();
  const jobs = Array.from({ length: count }, (_, i) => {
    if (i % 3 === 0)
      return readIdImages(reader, {
        documentType: 'passport',
        front: { bytes: passport.png, width: passport.width, height: passport.height },
        back: null,
        person,
        entered,
        today,
      });
    if (i % 3 === 1)
      return readIdImages(reader, {
        documentType: 'driverLicence',
        front: null,
        back: { bytes: licence.png, width: licence.width, height: licence.height },
        person,
        entered,
        today,
      });
    return readEligibilityDocument(
      reader,
      { mime: 'image/png', bytes: letter },
      { firstName: 'Anna', lastName: 'Eriksson', organization: 'Springfield State University' },
    );
  });
  await Promise.all(jobs);
  const seconds = (performance.now() - start) / 1000;
  delay.disable();
  await reader.close();
  return { threads, perSecond: count / seconds, loopP99Ms: delay.percentile(99) / 1e6 };
}

const one = await round(1);
const pool = defaultPoolSize() === 1 ? one : await round(defaultPoolSize());
for (const r of [one, pool])
  console.log(`${r.threads} thread(s): ${r.perSecond.toFixed(2)} documents/s, event-loop delay p99 ${r.loopP99Ms.toFixed(1)} ms`);
console.log(`ratio (pool / one thread): ${(pool.perSecond / one.perSecond).toFixed(2)}`);
