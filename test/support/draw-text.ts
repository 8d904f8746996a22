import { createRequire } from 'node:module';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { PNG } from 'pngjs';

// Pictures of documents made by the tests themselves: text drawn from a font that ships in an npm package
// (Noto Sans, SIL Open Font License), rasterised here (glyph outlines, 4x vertical supersampling, non-zero
// winding), so that what OCR should read is known exactly and nothing depends on the machine's fonts.

const require = createRequire(import.meta.url);
// The package exports only its script: the font sits beside its dist/ folder.
const FONT_FILE = path.join(path.dirname(path.dirname(require.resolve('@embedpdf/fonts-latin'))), 'fonts', 'NotoSans-Regular.ttf');
let font: fontkit.Font | undefined;
const theFont = () => (font ??= fontkit.openSync(FONT_FILE) as fontkit.Font);

export interface Canvas {
  width: number;
  height: number;
  grey: Uint8Array;
}

export const canvas = (width: number, height: number, background = 240): Canvas => ({
  width,
  height,
  grey: new Uint8Array(width * height).fill(background),
});

type Point = [number, number];

function outline(commands: { command: string; args: number[] }[], scale: number, ox: number, oy: number): Point[][] {
  const polys: Point[][] = [];
  let cur: Point[] = [];
  let x = 0;
  let y = 0;
  const at = (px: number, py: number): Point => [ox + px * scale, oy - py * scale];
  for (const { command, args: a } of commands) {
    if (command === 'moveTo') {
      if (cur.length) polys.push(cur);
      cur = [at(a[0], a[1])];
      [x, y] = a;
    } else if (command === 'lineTo') {
      cur.push(at(a[0], a[1]));
      [x, y] = a;
    } else if (command === 'quadraticCurveTo') {
      for (let t = 0.125; t <= 1; t += 0.125) {
        const [p, q, r] = [(1 - t) ** 2, 2 * t * (1 - t), t * t];
        cur.push(at(p * x + q * a[0] + r * a[2], p * y + q * a[1] + r * a[3]));
      }
      [x, y] = [a[2], a[3]];
    } else if (command === 'bezierCurveTo') {
      for (let t = 0.125; t <= 1; t += 0.125) {
        const [p, q, r, s] = [(1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3];
        cur.push(at(p * x + q * a[0] + r * a[2] + s * a[4], p * y + q * a[1] + r * a[3] + s * a[5]));
      }
      [x, y] = [a[4], a[5]];
    } else if (command === 'closePath') {
      if (cur.length) polys.push(cur);
      cur = [];
    }
  }
  if (cur.length) polys.push(cur);
  return polys;
}

function fill(c: Canvas, polys: Point[][], ink: number) {
  const SS = 4;
  const ys = polys.flat().map((p) => p[1]);
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const y1 = Math.min(c.height - 1, Math.ceil(Math.max(...ys)));
  const cover = new Float32Array(c.width);
  for (let py = y0; py <= y1; py++) {
    cover.fill(0);
    for (let s = 0; s < SS; s++) {
      const sy = py + (s + 0.5) / SS;
      const xs: [number, number][] = [];
      for (const poly of polys) {
        for (let i = 0; i < poly.length; i++) {
          const [ax, ay] = poly[i];
          const [bx, by] = poly[(i + 1) % poly.length];
          if ((ay <= sy && by > sy) || (by <= sy && ay > sy)) xs.push([ax + ((sy - ay) / (by - ay)) * (bx - ax), ay < by ? 1 : -1]);
        }
      }
      xs.sort((p, q) => p[0] - q[0]);
      let wind = 0;
      for (let i = 0; i < xs.length - 1; i++) {
        wind += xs[i][1];
        if (wind === 0) continue;
        const a = Math.max(0, xs[i][0]);
        const b = Math.min(c.width, xs[i + 1][0]);
        for (let px = Math.floor(a); px < b; px++) cover[px] += (Math.min(b, px + 1) - Math.max(a, px)) / SS;
      }
    }
    for (let px = 0; px < c.width; px++) {
      if (cover[px] <= 0) continue;
      const k = Math.min(1, cover[px]);
      const i = py * c.width + px;
      c.grey[i] = Math.round(c.grey[i] * (1 - k) + ink * k);
    }
  }
}

/** Writes `text` with its baseline at y; `pitch` puts each character in a cell of that width (a monospaced zone). */
export function drawText(c: Canvas, text: string, x: number, y: number, size: number, options: { pitch?: number } = {}) {
  const f = theFont();
  const scale = size / f.unitsPerEm;
  let pen = x;
  for (const ch of text) {
    const g = f.glyphForCodePoint(ch.codePointAt(0)!);
    const advance = g.advanceWidth * scale;
    const left = options.pitch ? pen + (options.pitch - advance) / 2 : pen;
    const polys = outline(g.path.commands as { command: string; args: number[] }[], scale, left, y);
    if (polys.length) fill(c, polys, 20);
    pen += options.pitch ?? advance;
  }
}

/** A grey rectangle (a photo's place, a stamp). */
export function drawBox(c: Canvas, x: number, y: number, w: number, h: number, grey: number) {
  for (let j = Math.max(0, y); j < Math.min(c.height, y + h); j++)
    c.grey.fill(grey, j * c.width + Math.max(0, x), j * c.width + Math.min(c.width, x + w));
}

/** Pastes a grey picture (a barcode) at x, y. */
export function paste(c: Canvas, img: { width: number; height: number; grey: Uint8Array }, x: number, y: number) {
  for (let j = 0; j < img.height && y + j < c.height; j++)
    for (let i = 0; i < img.width && x + i < c.width; i++) c.grey[(y + j) * c.width + x + i] = img.grey[j * img.width + i];
}

export function toPng(c: Canvas, text: Record<string, string> = {}): Buffer {
  const png = new PNG({ width: c.width, height: c.height });
  for (let i = 0; i < c.width * c.height; i++) {
    png.data[i * 4] = png.data[i * 4 + 1] = png.data[i * 4 + 2] = c.grey[i];
    png.data[i * 4 + 3] = 255;
  }
  const out = PNG.sync.write(png);
  return Object.keys(text).length ? withTextChunks(out, text) : out;
}

export function fromPng(bytes: Buffer): Canvas {
  const p = PNG.sync.read(bytes);
  const grey = new Uint8Array(p.width * p.height);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round(0.299 * p.data[i * 4] + 0.587 * p.data[i * 4 + 1] + 0.114 * p.data[i * 4 + 2]);
  return { width: p.width, height: p.height, grey };
}

/** Adds tEXt chunks (e.g. `Software`) after IHDR, as an image editor writes them. */
function withTextChunks(png: Buffer, text: Record<string, string>): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunks = Object.entries(text).map(([k, v]) => {
    const body = Buffer.concat([Buffer.from('tEXt'), Buffer.from(`${k}\0${v}`, 'latin1')]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(body.length - 4, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  });
  const ihdrEnd = 8 + 8 + 13 + 4;
  return Buffer.concat([png.subarray(0, ihdrEnd), ...chunks, png.subarray(ihdrEnd)]);
}
