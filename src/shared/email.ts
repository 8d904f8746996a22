import { domainToASCII } from 'node:url';

/**
 * Email addresses Vouch can deliver to. Mail without the SMTPUTF8 extension (RFC 6531), which most mail
 * servers still lack, carries only ASCII addresses: a local part (before the @) in ASCII, and a domain in
 * its ASCII form, an internationalised one in punycode (IDNA: `bücher.de` is `xn--bcher-kva.de`). A
 * non-ASCII local part cannot be written that way, so it is refused where the address is entered, and the
 * mailer refuses it again rather than write raw UTF-8 into a message header. See docs/client-requests.md.
 */

/** RFC 5322 dot-atom: ASCII letters, digits and `!#$%&'*+/=?^_`{|}~-`, in dot-separated runs. */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** A domain as a person types it, in any script: letters, marks, digits, hyphens and dots only. */
const DOMAIN_AS_TYPED = /^[\p{L}\p{M}\p{N}.-]+$/u;
const LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export type MailAddressProblem = 'nonAsciiLocalPart' | 'invalid';

/** The host name in ASCII (lower case, punycode for other scripts), or undefined when it is not a host name. */
function asciiDomain(domain: string): string | undefined {
  if (!DOMAIN_AS_TYPED.test(domain)) return undefined; // domainToASCII would also decode %41 and accept _
  const ascii = domainToASCII(domain);
  const labels = ascii.split('.');
  if (!ascii || ascii.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) return undefined;
  return /^[0-9]+$/.test(labels[labels.length - 1]) ? undefined : ascii;
}

/**
 * `address` as mail carries it (`joerg@bücher.de` → `joerg@xn--bcher-kva.de`), or what is wrong with it:
 * `nonAsciiLocalPart` for a deliverable-looking address whose part before the @ is not ASCII, else `invalid`.
 */
export function asciiMailAddress(address: string): { address: string } | { problem: MailAddressProblem } {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  const domain = at > 0 ? asciiDomain(address.slice(at + 1)) : undefined;
  if (domain === undefined) return { problem: 'invalid' };
  if (!LOCAL_PART.test(local)) {
    // Only the ASCII test failed when the same address, its letters folded to x, would pass.
    return /[^\x00-\x7f]/.test(local) && LOCAL_PART.test(local.replace(/[^\x00-\x7f]/gu, 'x'))
      ? { problem: 'nonAsciiLocalPart' }
      : { problem: 'invalid' };
  }
  const ascii = `${local}@${domain}`;
  return ascii.length <= 254 && local.length <= 64 ? { address: ascii } : { problem: 'invalid' };
}
