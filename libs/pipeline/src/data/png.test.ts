import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { requireDataRoot } from './data-root';
import { parseNpy } from './npy';
import { decodePng } from './png';

const lines = path.join(requireDataRoot(), 'ocr', 'lines');

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  out.set(Buffer.from(type, 'latin1'), 4);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}

function png(width: number, height: number, colorType: number, rows: Uint8Array, options: { depth?: number; interlace?: number; idat?: Uint8Array } = {}): Uint8Array {
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([options.depth ?? 8, colorType, 0, 0, options.interlace ?? 0], 8);
  const parts = [Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), chunk('IHDR', header), chunk('IDAT', options.idat ?? deflateSync(rows)), chunk('IEND', new Uint8Array(0))];
  return Buffer.concat(parts);
}

describe('decodePng', () => {
  it('decodes the OCR line images to the pixels their preprocessed .npy files were made from', () => {
    // line-NNN.npy = (pixel / 255 - 0.5) / 0.5, channels first, zero-padded to width 320: invert it.
    let checked = 0;
    for (let n = 0; n < 48; n++) {
      const name = `line-${String(n).padStart(3, '0')}`;
      const image = decodePng(new Uint8Array(readFileSync(path.join(lines, `${name}.png`))), `${name}.png`);
      if (image.width > 320) continue; // resized by the preprocessing: not a pixel-exact reference
      const tensor = parseNpy(new Uint8Array(readFileSync(path.join(lines, `${name}.npy`))), `${name}.npy`);
      const values = tensor.data as Float32Array;
      expect([image.height, image.channels]).toEqual([48, 3]);
      for (let c = 0; c < 3; c++) {
        for (let y = 0; y < 48; y++) {
          for (let x = 0; x < image.width; x++) {
            const pixel = Math.round((values[(c * 48 + y) * 320 + x] * 0.5 + 0.5) * 255);
            if (pixel !== image.pixels[(y * image.width + x) * 3 + c]) throw new Error(`${name} differs at c${c} y${y} x${x}`);
          }
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('reverses every filter type (None, Sub, Up, Average, Paeth) and supports grey and RGBA', () => {
    // 2x5 grey image, one row per filter type, raw bytes chosen so each predictor matters.
    const filtered = Uint8Array.of(0, 10, 20, 1, 5, 250, 2, 3, 4, 3, 7, 9, 4, 1, 2);
    const grey = decodePng(png(2, 5, 0, filtered), 'grey.png');
    // Row 0: 10 20; row 1 (Sub): 5, 255; row 2 (Up): 8, 3; row 3 (Avg): 7 + 4 = 11, 9 + (11 + 3) / 2 = 16;
    // row 4 (Paeth): 1 + paeth(0, 11, 0) = 12, 2 + paeth(12, 16, 11) = 18.
    expect(Array.from(grey.pixels)).toEqual([10, 20, 5, 255, 8, 3, 11, 16, 12, 18]);
    const rgba = decodePng(png(1, 1, 6, Uint8Array.of(0, 1, 2, 3, 4)), 'rgba.png');
    expect(rgba).toMatchObject({ channels: 4, pixels: Uint8Array.of(1, 2, 3, 4) });
  });

  it.each([
    ['not a PNG', Buffer.from('GIF89a....'), /signature/],
    ['a wrong CRC', (() => { const file = png(1, 1, 0, Uint8Array.of(0, 1)); file[20] ^= 1; return file; })(), /wrong CRC/],
    ['a truncated file', png(1, 1, 0, Uint8Array.of(0, 1)).subarray(0, 40), /past the end|before its IEND/],
    ['huge dimensions', png(100000, 100000, 2, new Uint8Array(0)), /100000x100000; at most/],
    ['16-bit samples', png(1, 1, 2, new Uint8Array(7), { depth: 16 }), /bit depth 16/],
    ['a palette', png(1, 1, 3, Uint8Array.of(0, 0)), /colour type 3/],
    ['interlacing', png(1, 1, 0, Uint8Array.of(0, 1), { interlace: 1 }), /interlaced/],
    ['too little image data', png(2, 2, 0, Uint8Array.of(0, 1, 2)), /holds 3 bytes of image data where 2x2 needs 6/],
    ['a decompression bomb', png(2, 2, 0, new Uint8Array(0), { idat: deflateSync(new Uint8Array(50_000_000)) }), /corrupt or oversized/],
    ['an unknown filter', png(1, 1, 0, Uint8Array.of(9, 1)), /unknown filter type 9/],
  ])('refuses %s as BAD_USER_INPUT naming the file', (_, bytes, message) => {
    let caught: unknown;
    try {
      decodePng(new Uint8Array(bytes), 'x.png');
    } catch (error) {
      caught = error;
    }
    expect((caught as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain("'x.png'");
  });
});
