/**
 * A `multipart/form-data` body read whole, parsed by undici's reader (the one `fetch` uses); null when it
 * cannot be read (no or wrong boundary, broken parts). Each route bounds the body's size before this.
 */
export async function parseFormData(contentType: string, body: Uint8Array): Promise<FormData | null> {
  try {
    // A Buffer from a parser is a view of an ordinary ArrayBuffer, which is what a Response body takes.
    return await new Response(body as Uint8Array<ArrayBuffer>, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return null;
  }
}
