import type { FastifyReply } from 'fastify';

/**
 * The headers of a document or photo shown in a console page: inline (images in an <img>, PDFs in a frame)
 * unless a download is asked for, never sniffed into another type, never cached, and under a policy that
 * keeps the response from running anything of its own. Images are sandboxed outright. A PDF cannot be: a
 * sandboxed response is refused by Chromium's PDF viewer, which renders it with its own code, not the
 * page's; so a PDF's policy allows nothing but the PDF itself (as the embedded object) and being framed by
 * the console. Either way the file is served as the type its bytes were checked to be (see documents).
 */
const IMAGE_POLICY = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'";
const PDF_POLICY = "default-src 'none'; object-src 'self'; plugin-types application/pdf; frame-ancestors 'self'";
export const documentPolicy = (mimeType: string) => (mimeType === 'application/pdf' ? PDF_POLICY : IMAGE_POLICY);

const INLINE = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'application/pdf']);

export function sendDocument(reply: FastifyReply, doc: { bytes: Buffer; mimeType: string; fileName: string }, download: boolean) {
  const safeName = doc.fileName.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 120) || 'document';
  const disposition = download || !INLINE.has(doc.mimeType) ? 'attachment' : 'inline';
  return reply
    .header('content-type', doc.mimeType)
    .header('content-disposition', `${disposition}; filename="${safeName}"`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', documentPolicy(doc.mimeType))
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('cross-origin-resource-policy', 'same-origin')
    .send(doc.bytes);
}
