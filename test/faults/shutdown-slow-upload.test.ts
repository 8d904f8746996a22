import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePng, put } from '../support/fixtures.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';

let setup: ServerProcessSetup | undefined;
afterAll(async () => setup?.cleanup());

describe(`SIGTERM during a slow upload (${TEST_STORE})`, () => {
  it('exits within its deadline, and the cut upload can be sent again after the restart', async () => {
    // The upload is slow but within the body rules: only the shutdown deadline can end it.
    setup = await prepareServerProcess({ SHUTDOWN_TIMEOUT_MS: '2000', BODY_TIMEOUT_MS: '600000', UPLOAD_MIN_BYTES_PER_SECOND: '0' });
    const { url, port, demo } = setup;
    const server = await setup.start();
    const created = await api(`${url}/rest/v2/verification`, { body: { programId: demo.programs.student } });
    const at = await api(created.json.submissionUrl, {
      body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD', organization: { id: 1, name: 'Any' } },
    });
    expect(at.json.currentStep).toBe('docUpload');
    const png = makePng(300, 200);
    const declared = await api(at.json.submissionUrl, { body: [{ fileName: 'card.png', mimeType: 'image/png', fileSize: png.length }] });
    const uploadUrl = new URL(declared.json.documents[0].uploadUrl);

    // 1 KiB/s.
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => {});
    await new Promise((r) => socket.once('connect', r));
    socket.write(`PUT ${uploadUrl.pathname} HTTP/1.1\r\nhost: x\r\ncontent-type: image/png\r\ncontent-length: ${png.length}\r\n\r\n`);
    let sent = 0;
    const drip = setInterval(() => {
      if (sent < png.length) {
        socket.write(png.subarray(sent, sent + 1024));
        sent += 1024;
      }
    }, 1000);
    await new Promise((r) => setTimeout(r, 2500));

    const exited = new Promise<number | null>((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const code = await Promise.race([exited, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    clearInterval(drip);
    socket.destroy();
    expect(code).toBe(0); // a clean stop: the request was cut at the deadline, the store closed
    expect(sent).toBeLessThan(png.length);

    await setup.start();
    const again = await put(uploadUrl.toString(), png, { 'content-type': 'image/png', 'content-length': String(png.length) });
    expect(again.status).toBe(200);
    const done = await api(declared.json.submissionUrl, { method: 'POST' });
    expect(done.json.currentStep).toBe('pending');
  }, 180_000);
});
