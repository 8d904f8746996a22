import type { FastifyReply } from 'fastify';

/**
 * The headers of a document or photo shown in a console page: inline (images in an <img>, PDFs in a frame)
 * unless a download is asked for, never sniffed into another type, never cached, and under a policy that
 * sandboxes the response: whatever the file holds, it runs no script, opens nothing and loads nothing
 * but itself (`plugin-types` names the PDF viewer for browsers that still read it).
 */
export const DOCUMENT_POLICY =
  "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf; frame-ancestors 'self'";

const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'application/pdf']);

export function sendDocument(reply: FastifyReply, doc: { bytes: Buffer; mimeType: string; fileName: string }, download: boolean) {
  const safeName = doc.fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'document';
  const disposition = download || !INLINE.has(doc.mimeType) ? 'attachment' : 'inline';
  return reply
    .header('content-type', doc.mimeType)
    .header('content-disposition', `${disposition}; filename="${safeName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', DOCUMENT_POLICY)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(doc.bytes);
}
