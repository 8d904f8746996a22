// Decodes JPEG and PNG files and answers their 9x8 grey thumbnails, one at a time (see image-thumbnail.ts).
// Plain JavaScript because a worker thread starts without the TypeScript loader. Runs in a thread of its
// own so that a slow or hostile image can be stopped at its deadline without stopping the server.
import { parentPort } from 'node:worker_threads';
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

const W = 9;
const H = 8;

function decode(mime, file, maxPixels, maxMemoryMb) {
  if (mime === 'image/jpeg') {
    return jpeg.decode(file, {
      useTArray: true,
      formatAsRGBA: true,
      tolerantDecoding: true,
      maxResolutionInMP: maxPixels / 1_000_000,
      maxMemoryUsageInMB: maxMemoryMb,
    });
  }
  // A PNG's size is in its header: refuse before inflating anything larger than allowed. Its decoder
  // holds the inflated rows (up to 8 bytes a pixel) besides the RGBA pixels: half the JPEG's pixels.
  if (file.length < 24 || file.toString('latin1', 12, 16) !== 'IHDR') throw new Error('no IHDR');
  const width = file.readUInt32BE(16);
  const height = file.readUInt32BE(20);
  if (width === 0 || height === 0 || width * height > maxPixels / 2) throw new Error('too many pixels');
  return PNG.sync.read(file);
}

/** Area average of each cell, in luma; transparent pixels count as white (how a page shows them). */
function thumbnail({ width, height, data }) {
  const sums = new Float64Array(W * H);
  const counts = new Float64Array(W * H);
  for (let y = 0; y < height; y++) {
    const cy = Math.min(H - 1, Math.floor((y * H) / height));
    for (let x = 0; x < width; x++) {
      const cx = Math.min(W - 1, Math.floor((x * W) / width));
      const i = (y * width + x) * 4;
      const a = data[i + 3] / 255;
      const luma = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
      sums[cy * W + cx] += luma * a + 255 * (1 - a);
      counts[cy * W + cx] += 1;
    }
  }
  return Array.from(sums, (s, k) => (counts[k] ? s / counts[k] : 255));
}

parentPort.on('message', ({ id, mime, bytes, maxPixels, maxMemoryMb }) => {
  try {
    const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const image = decode(mime, file, maxPixels, maxMemoryMb);
    if (!image?.width || !image.height || image.data.length < image.width * image.height * 4) throw new Error('no pixels');
    parentPort.postMessage({ id, thumbnail: thumbnail(image) });
  } catch (e) {
    parentPort.postMessage({ id, error: e instanceof Error ? e.message : String(e) });
  }
});
