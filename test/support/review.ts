import { expect } from 'vitest';
import { api } from './app.ts';
import { VALID_BODIES } from './bodies.ts';
import { makePdf, makePng, put } from './fixtures.ts';

/** A verification of `programId` (a live program without abuse limits) whose PNG and PDF wait for review; its id and document ids. */
/** A file to upload: its name, bytes and declared type. */
export interface UploadFile {
  fileName: string;
  bytes: Buffer;
  mimeType: string;
}

export async function documentsInReview(url: string, programId: string, firstName = 'Grace', files?: UploadFile[]) {
  const created = await api(`${url}/rest/v2/verification`, { body: { programId } });
  const v = await api(created.json.submissionUrl, {
    body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName, organization: { id: 0, name: 'Night School' } },
  });
  expect(v.json.currentStep, JSON.stringify(v.json)).toBe('docUpload');
  files ??= [
    { fileName: 'student-card.png', bytes: makePng(64, 40), mimeType: 'image/png' },
    { fileName: 'enrollment.pdf', bytes: makePdf(), mimeType: 'application/pdf' },
  ];
  const declared = await api(v.json.submissionUrl, {
    body: files.map((f) => ({ fileName: f.fileName, mimeType: f.mimeType, fileSize: f.bytes.length })),
  });
  for (const [i, f] of files.entries())
    expect(
      (await put(declared.json.documents[i].uploadUrl, f.bytes, { 'content-type': f.mimeType, 'content-length': String(f.bytes.length) }))
        .status,
    ).toBe(200);
  const pending = await api(declared.json.submissionUrl, { method: 'POST', raw: '', headers: { 'content-type': 'application/json' } });
  expect(pending.json.currentStep).toBe('pending');
  return { id: v.json.verificationId as string, documents: declared.json.documents.map((d: any) => d.documentId as string) };
}

/** The columns of a verification row a test inserts straight into the store leaves empty. */
export const BARE = {
  sub_segment: null,
  tracking_id: null,
  metadata_enc: null,
  person_enc: null,
  person_id: null,
  organization_id: null,
  organization_name: null,
  reward_code: null,
  system_error_message: null,
  client_ip_enc: null,
  user_agent: null,
  created_by_token: null,
  version: 1,
  pending_since: null,
  auto_decision: null,
  auto_decide_at: null,
};
