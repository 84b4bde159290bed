/**
 * PNG decoding for image datasets (the OCR pages): 8-bit greyscale, grey+alpha, RGB and RGBA,
 * non-interlaced, which is what dataset tools write. Other forms are refused by name.
 *
 * Threat model: the file is untrusted. Chunk lengths are checked against the file, every chunk's
 * CRC is verified, the image size is capped before anything is inflated, inflation is bounded to
 * the exact size the header implies (a zlib bomb stops there), and a short or corrupt stream is an
 * error. Everything is BAD_USER_INPUT naming the file. Tests: png.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { crc32, inflateSync } from 'node:zlib';

export interface DecodedImage {
  readonly width: number;
  readonly height: number;
  /** 1 (grey), 2 (grey, alpha), 3 (RGB) or 4 (RGBA). */
  readonly channels: number;
  /** Row-major, interleaved channels, one byte per sample. */
  readonly pixels: Uint8Array;
}

export interface PngOptions {
  /** Most pixels accepted (default 64 Mi). */
  readonly maxPixels?: number;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 4: 2, 2: 3, 6: 4 };

function bad(source: string, problem: string, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `PNG file '${source}' ${problem}`, { cause, details: { file: source } });
}

export function decodePng(bytes: Uint8Array, source: string, options: PngOptions = {}): DecodedImage {
  const maxPixels = options.maxPixels ?? 64 * 1024 * 1024;
  if (bytes.length < 8 || SIGNATURE.some((byte, i) => bytes[i] !== byte)) throw bad(source, 'does not start with the PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: { width: number; height: number; channels: number } | undefined;
  const data: Uint8Array[] = [];
  let offset = 8;
  for (;;) {
    if (offset + 12 > bytes.length) throw bad(source, 'ends before its IEND chunk');
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    if (length > bytes.length - offset - 12) throw bad(source, `has a ${type} chunk of ${length} bytes running past the end of the file`);
    const body = bytes.subarray(offset + 8, offset + 8 + length);
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length)) throw bad(source, `has a ${type} chunk with a wrong CRC`);
    offset += 12 + length;
    if (type === 'IHDR') header = parseHeader(body, source, maxPixels);
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    else if (type === 'PLTE') throw bad(source, 'is palette-based; save it as greyscale, RGB or RGBA');
  }
  if (header === undefined) throw bad(source, 'has no IHDR chunk');
  const { width, height, channels } = header;
  const stride = width * channels;
  const expected = (stride + 1) * height;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: expected + 1 });
  } catch (error) {
    throw bad(source, `has a corrupt or oversized image stream (${(error as Error).message})`, error);
  }
  if (raw.length !== expected) throw bad(source, `holds ${raw.length} bytes of image data where ${width}x${height} needs ${expected}`);
  return { width, height, channels, pixels: unfilter(raw, width, height, channels, source) };
}

function parseHeader(body: Uint8Array, source: string, maxPixels: number): { width: number; height: number; channels: number } {
  if (body.length !== 13) throw bad(source, 'has a malformed IHDR chunk');
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [depth, colorType, compression, filter, interlace] = body.subarray(8);
  if (width === 0 || height === 0 || width * height > maxPixels) throw bad(source, `is ${width}x${height}; at most ${maxPixels} pixels are accepted (maxPixels)`);
  const channels = CHANNELS[colorType];
  if (depth !== 8 || channels === undefined) throw bad(source, `has bit depth ${depth} and colour type ${colorType}; 8-bit greyscale, grey+alpha, RGB or RGBA is supported`);
  if (compression !== 0 || filter !== 0) throw bad(source, 'uses an unknown compression or filter method');
  if (interlace !== 0) throw bad(source, 'is interlaced; save it without interlacing');
  return { width, height, channels };
}

/** Reverses the per-row filters (None, Sub, Up, Average, Paeth) in place order. */
function unfilter(raw: Uint8Array, width: number, height: number, bpp: number, source: string): Uint8Array {
  const stride = width * bpp;
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const input = y * (stride + 1) + 1;
    const row = y * stride;
    const previous = row - stride;
    for (let x = 0; x < stride; x++) {
      const left = x >= bpp ? out[row + x - bpp] : 0;
      const up = y > 0 ? out[previous + x] : 0;
      const upLeft = x >= bpp && y > 0 ? out[previous + x - bpp] : 0;
      let predictor: number;
      switch (filter) {
        case 0:
          predictor = 0;
          break;
        case 1:
          predictor = left;
          break;
        case 2:
          predictor = up;
          break;
        case 3:
          predictor = (left + up) >> 1;
          break;
        case 4:
          predictor = paeth(left, up, upLeft);
          break;
        default:
          throw bad(source, `row ${y} has unknown filter type ${filter}`);
      }
      out[row + x] = (raw[input + x] + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = p > a ? p - a : a - p;
  const pb = p > b ? p - b : b - p;
  const pc = p > c ? p - c : c - p;
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}
