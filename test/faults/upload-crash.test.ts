import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api } from '../support/app.ts';
import { VALID_BODIES } from '../support/bodies.ts';
import { makePng, put } from '../support/fixtures.ts';
import { prepareServerProcess, type ServerProcessSetup } from '../support/server-process.ts';
import { TEST_STORE } from '../support/stores.ts';
import { until } from '../support/wait.ts';

let setup: ServerProcessSetup | undefined;
const sockets: net.Socket[] = [];
afterAll(async () => {
  for (const s of sockets) s.destroy();
  await setup?.cleanup();
});

const partFiles = () => {
  const partDir = path.join(setup!.dataDir, 'blobs', 'tmp');
  return fs.existsSync(partDir) ? fs.readdirSync(partDir).filter((n) => n.endsWith('.part')) : [];
};

async function stopWith(child: ChildProcess, signal: NodeJS.Signals) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill(signal);
  await exited;
}

/**
 * Starts a PUT of `bytes` that sends its headers and first KiB, then a byte now and then: an upload still
 * streaming when the server is killed. The socket stays open until the test ends.
 */
function startSlowPut(uploadUrl: string, bytes: Buffer) {
  const u = new URL(uploadUrl);
  const socket = net.connect(Number(u.port), u.hostname, () => {
    socket.write(`PUT ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: image/png\r\nContent-Length: ${bytes.length}\r\n\r\n`);
    socket.write(bytes.subarray(0, 1024));
    let sent = 1024;
    const timer = setInterval(() => {
      if (socket.destroyed || sent >= bytes.length - 1) return clearInterval(timer);
      socket.write(bytes.subarray(sent, ++sent));
    }, 250);
  });
  socket.on('error', () => {});
  sockets.push(socket);
}

describe(`an upload cut off by a crash (${TEST_STORE})`, () => {
  it('blocks nothing: the URL is taken over once its claim has lapsed, a new declaration supersedes it, the partial file is removed', async () => {
    setup = await prepareServerProcess();
    const { url, demo } = setup;
    let server = await setup.start();
    const png = makePng(300, 200);
    const header = { 'content-type': 'image/png', 'content-length': String(png.length) };
    // Two people at docUpload (test program: the UPLOAD name asks for documents), each declaring one file.
    const people = await Promise.all(
      ['takeover', 'redeclare'].map(async (fileStem) => {
        const created = await api(`${url}/rest/v2/verification`, { body: { programId: demo.programs.student } });
        const at = await api(created.json.submissionUrl, { body: { ...VALID_BODIES.collectStudentPersonalInfo, firstName: 'UPLOAD' } });
        expect(at.json.currentStep).toBe('docUpload');
        const declared = await api(at.json.submissionUrl, {
          body: [{ fileName: `${fileStem}.png`, mimeType: 'image/png', fileSize: png.length }],
        });
        expect(declared.status).toBe(200);
        return { id: created.json.verificationId as string, docUploadUrl: at.json.submissionUrl as string, declared: declared.json };
      }),
    );
    const [takeover, redeclare] = people;

    // Both uploads are streaming (their partial files exist and their URLs are held) when the process is killed.
    for (const p of people) startSlowPut(p.declared.documents[0].uploadUrl, png);
    await until(
      async () => partFiles(),
      (files) => files.length === 2,
      60_000,
      100,
    );
    for (const p of people) expect((await put(p.declared.documents[0].uploadUrl, png, header)).status).toBe(409);
    await stopWith(server, 'SIGKILL');
    const leftByCrash = partFiles();
    expect(leftByCrash).toHaveLength(2);

    // Restarted with a lease far longer than the test: the claims still count.
    server = await setup.start({ UPLOAD_CLAIM_LEASE_SECONDS: '3600' });
    const held = await put(takeover.declared.documents[0].uploadUrl, png, header);
    expect(held.status).toBe(409);
    expect(held.json.errorIds).toEqual(['invalidDocUploadToken']);

    // A new declaration supersedes the cut-off upload at once: its URL is spent, the new one works, and the
    // verification completes on the new declaration alone.
    const again = await api(redeclare.docUploadUrl, {
      body: [{ fileName: 'redeclare-2.png', mimeType: 'image/png', fileSize: png.length }],
    });
    expect(again.status).toBe(200);
    expect((await put(redeclare.declared.documents[0].uploadUrl, png, header)).status).toBe(404);
    expect((await put(again.json.documents[0].uploadUrl, png, header)).status).toBe(200);
    const completed = await api(again.json.submissionUrl, { method: 'POST' });
    expect(completed.json.currentStep).toBe('pending');
    expect(completed.json.lastResponse.documents.map((d: any) => d.documentId)).toEqual([again.json.documents[0].documentId]);
    await stopWith(server, 'SIGTERM');

    // Restarted with a one-second lease: the claim left by the crash has lapsed. The partial files are
    // removed on start-up, and the same URL takes a new upload.
    server = await setup.start({ UPLOAD_CLAIM_LEASE_SECONDS: '1' });
    await until(
      async () => partFiles().filter((f) => leftByCrash.includes(f)),
      (left) => left.length === 0,
      60_000,
      200,
    );
    const retried = await until(
      () => put(takeover.declared.documents[0].uploadUrl, png, header),
      (r) => r.status !== 409,
      60_000,
      500,
    );
    expect(retried.status).toBe(200);
    expect(retried.json.status).toBe('FINISHED');
    const done = await api(`${url}/rest/v2/verification/${takeover.id}/step/completeDocUpload`, { method: 'POST' });
    expect(done.json.currentStep).toBe('pending');
    expect((await api(`${url}/rest/v2/verification/${takeover.id}`)).json.currentStep).toBe('pending');
    expect(partFiles()).toEqual([]);
    await stopWith(server, 'SIGTERM');
  }, 300_000);
});
