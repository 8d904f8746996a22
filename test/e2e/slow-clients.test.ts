import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { api, useTestApp } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePng, put } from '../support/fixtures.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

// Short limits so the test sees them: a body must arrive in 1.5 s; an upload, after that grace, must
// average 20 kB/s.
const t = useTestApp({ BODY_TIMEOUT_MS: '1500', UPLOAD_MIN_BYTES_PER_SECOND: '20000' });

/**
 * Sends `head` and then one byte of `rest` every 500 ms (a client trickling its body), until the server
 * answers or closes. Resolves with what the server sent, and whether it closed the connection.
 */
function trickle(head: string | Buffer, rest: Buffer): Promise<{ answer: string; closed: boolean }> {
  const url = new URL(t.app.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const giveUp = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer; got: ${answer}`));
    }, 30_000);
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent < rest.length && !socket.destroyed) socket.write(rest.subarray(sent, ++sent));
      }, 500);
    });
    socket.on('data', (d) => {
      answer += d.toString('latin1');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      clearTimeout(giveUp);
      resolve({ answer, closed: true });
    });
  });
}

describe(`slow clients (${TEST_STORE})`, () => {
  it("a JSON body trickled byte by byte is answered 408 in the dialect's shape and its connection closed", async () => {
    const body = Buffer.from(JSON.stringify({ programId: t.demo.programs.student }));
    const head = `POST /rest/v2/verification HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n\r\n`;
    const { answer, closed } = await trickle(head, body);
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ currentStep: 'error', errorIds: ['requestTimeout'] });
    expect(closed).toBe(true);
    // The server carries on.
    expect((await api(`${t.app.url}/rest/v2/verification`, { body: { programId: t.demo.programs.student } })).status).toBe(200);
  }, 60_000);

  it('an upload below the minimum rate is cut off and its upload URL is free again for a retry', async () => {
    const created = await api(`${t.app.url}/rest/v2/verification`, { body: { programId: t.demo.programs.student } });
    const at = await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD', organization: { id: 1, name: 'Any' } },
    });
    expect(at.json.currentStep).toBe('docUpload');
    const png = makePng(400, 300);
    const declared = await api(at.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: png.length }] });
    const uploadUrl = new URL(declared.json.documents[0].uploadUrl);

    const head = `PUT ${uploadUrl.pathname} HTTP/1.1\r\nhost: x\r\ncontent-type: image/png\r\ncontent-length: ${png.length}\r\n\r\n`;
    const { answer } = await trickle(Buffer.concat([Buffer.from(head), png.subarray(0, 100)]), png.subarray(100));
    expect(answer).toMatch(/^HTTP\/1\.1 408 /);

    // The URL is released once the cut-off body has been dropped, a moment after the answer went out.
    const retry = await until(
      () => put(uploadUrl.toString(), png, { 'content-type': 'image/png', 'content-length': String(png.length) }),
      (r) => r.status !== 409,
      10_000,
      100,
    );
    expect(retry.status).toBe(200);
    expect(retry.json.status).toBe('FINISHED');
  }, 60_000);
});
