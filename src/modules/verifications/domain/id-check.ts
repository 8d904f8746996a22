import { mrzSpellings, mrzText, type MrzReading } from '../../../shared/mrz.ts';

/** The documents the ID check reads, and the zone formats each carries (ICAO 9303). */
export const ID_CHECK_DOCUMENTS: Record<string, string[]> = {
  passport: ['TD3'],
  idCard: ['TD1', 'TD2'],
};

/** SheerID's finer reasons of a failed ID check (`errorDetailId`). */
export type IdCheckDetail = 'govIdMismatch' | 'unableToVerify';

export type IdCheckVerdict = { ok: true } | { ok: false; detail: IdCheckDetail; reason: string };

/**
 * Whether a document's zone proves the person is who they said: a zone of the document's kind, read with
 * every check digit right (else it cannot be trusted: `unableToVerify`), not expired, and holding the
 * same last name, first given name and birth date as the person step (else `govIdMismatch`).
 */
export function judgeIdDocument(
  documentType: string,
  zone: MrzReading | null,
  person: { firstName: string; lastName: string; birthDate?: string },
  today: string,
): IdCheckVerdict {
  if (!zone) return { ok: false, detail: 'unableToVerify', reason: 'the machine-readable zone is not in a known format' };
  if (!ID_CHECK_DOCUMENTS[documentType]?.includes(zone.format))
    return { ok: false, detail: 'unableToVerify', reason: `a ${zone.format} zone is not the zone of a ${documentType}` };
  if (!zone.valid) return { ok: false, detail: 'unableToVerify', reason: `the zone does not read cleanly (${zone.invalid.join(', ')})` };
  if (!zone.expiryDate || zone.expiryDate < today) return { ok: false, detail: 'unableToVerify', reason: 'the document has expired' };
  const givenOnDocument = mrzText(zone.firstName ?? '').split(' ')[0];
  const differs = [
    !mrzSpellings(person.lastName).includes(mrzText(zone.lastName ?? '')) && 'last name',
    !mrzSpellings(person.firstName).some((f) => f.split(' ')[0] === givenOnDocument) && 'first name',
    (!person.birthDate || zone.dateOfBirth !== person.birthDate) && 'birth date',
  ].filter(Boolean);
  return differs.length > 0
    ? { ok: false, detail: 'govIdMismatch', reason: `the document's ${differs.join(', ')} differ from the person's` }
    : { ok: true };
}
