import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../src/platform/http/client-address.ts';

describe('client address', () => {
  it('is the address Fastify reads, or null when the socket has none or cannot be read', () => {
    const reading = (ip: () => string | undefined) =>
      ({
        get ip() {
          return ip();
        },
      }) as unknown as FastifyRequest;
    expect(clientAddress(reading(() => '203.0.113.7'))).toBe('203.0.113.7');
    // A socket whose client hung up has no peer address.
    expect(clientAddress(reading(() => undefined))).toBeNull();
    // A request that lost its socket (Fastify then reads `remoteAddress` of null, or an unbound HTTP/2 socket).
    expect(
      clientAddress(
        reading(() => {
          throw new TypeError("Cannot read properties of null (reading 'remoteAddress')");
        }),
      ),
    ).toBeNull();
  });
});
