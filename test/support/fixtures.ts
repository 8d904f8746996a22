import http from 'node:http';
import net from 'node:net';
import zlib from 'node:zlib';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** Real image and PDF bytes, made here so the tests carry no binary files. */
function pixels(width: number, height: number) {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = (i * 7) % 256;
    data[i + 1] = (i * 13) % 256;
    data[i + 2] = (i * 31) % 256;
    data[i + 3] = 255;
  }
  return data;
}

export const makeJpeg = (width = 32, height = 24) => Buffer.from(jpeg.encode({ data: pixels(width, height), width, height }, 80).data);

export function makePng(width = 32, height = 24): Buffer {
  const png = new PNG({ width, height });
  pixels(width, height).copy(png.data);
  return PNG.sync.write(png);
}

export const GIF_1x1 = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

/** `extra.catalog` adds entries to the document catalog, `extra.objects` objects after the five of the page. */
export function makePdf(text = 'Enrollment verification', extra: { catalog?: string; objects?: string[] } = {}): Buffer {
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R${extra.catalog ? ` ${extra.catalog}` : ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 144] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    (() => {
      const s = `BT /F1 18 Tf 20 70 Td (${text}) Tj ET`;
      return `<< /Length ${s.length} >>\nstream\n${s}\nendstream`;
    })(),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(extra.objects ?? []),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A PNG that also carries a PDF header (or `payload`) in a text chunk right after IHDR: a polyglot. */
export function makePolyglotPng(payload = '%PDF-1.4 1 0 obj << >> endobj'): Buffer {
  const png = makePng(8, 8);
  const text = Buffer.from(`Comment\u0000${payload}`, 'latin1');
  const type = Buffer.from('tEXt');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(text.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([type, text])) >>> 0);
  const ihdrEnd = 8 + 25;
  return Buffer.concat([png.subarray(0, ihdrEnd), len, type, text, crc, png.subarray(ihdrEnd)]);
}

/** PUT with full control of the headers (fetch would set Content-Length itself). */
export function put(url: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends the headers and part of the body, then drops the connection: a truncated upload. */
export function putTruncated(url: string, body: Buffer, contentType: string, send: number): Promise<void> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(u.port), u.hostname, () => {
      socket.write(
        `PUT ${u.pathname} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`,
      );
      socket.write(body.subarray(0, send), () =>
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100),
      );
    });
    socket.on('error', () => resolve());
  });
}
