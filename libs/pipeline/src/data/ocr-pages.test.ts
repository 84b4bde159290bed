import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DETECTOR } from '../../test/ocr-assets';
import { OrtModelSession } from '../evaluate/ort-session';
import { bindSample } from './bind-inputs';
import { requireDataRoot } from './data-root';
import { imageToTensor, openOcrPages } from './ocr-pages';
import { UNNAMED_INPUT, type Sample } from './sample';

describe('openOcrPages', () => {
  const folder = path.join(requireDataRoot(), 'ocr', 'pages');
  let first: Sample;

  beforeAll(async () => {
    const dataset = await openOcrPages(folder);
    expect(dataset.size).toBe(8);
    let count = 0;
    for await (const sample of dataset.samples()) {
      if (count++ === 0) first = sample;
    }
    expect(count).toBe(8);
  });

  it('loads the shared pages as normalized detector inputs [1, 3, 640, 640] with their texts', () => {
    const tensor = first.inputs[UNNAMED_INPUT];
    expect(tensor.dims).toEqual([1, 3, 640, 640]);
    expect(first.text?.split('\n')[0]).toBe('22/06/2018');
    const red = (tensor.data as Float32Array).subarray(0, 640 * 640);
    const [min, max] = red.reduce(([lo, hi], value) => [Math.min(lo, value), Math.max(hi, value)], [Infinity, -Infinity]);
    // ImageNet normalization bounds per channel: (0 - mean) / std .. (1 - mean) / std.
    expect(min).toBeGreaterThanOrEqual(-0.485 / 0.229 - 1e-5);
    expect(max).toBeLessThanOrEqual((1 - 0.485) / 0.229 + 1e-5);
  });

  it('lays pages out so that the PP-OCRv4 detector finds text inside the labelled boxes (CHW, row-major)', async () => {
    const session = await OrtModelSession.create(new Uint8Array(readFileSync(DETECTOR)));
    try {
      const outputs = await session.run(bindSample(first, session.inputs));
      const map = Object.values(outputs)[0];
      expect(map.dims).toEqual([1, 1, 640, 640]);
      const probability = map.data as Float32Array;
      const labels = JSON.parse(readFileSync(path.join(folder, 'labels.jsonl'), 'utf8').split('\n')[0]) as { lines: { box: [number, number, number, number] }[] };
      const inside = new Uint8Array(640 * 640);
      for (const { box } of labels.lines) for (let y = box[1]; y < box[3]; y++) inside.fill(1, y * 640 + box[0], y * 640 + box[2]);
      let textIn = 0;
      let totalIn = 0;
      let textOut = 0;
      for (let i = 0; i < probability.length; i++) {
        const text = probability[i] > 0.3 ? 1 : 0;
        if (inside[i]) {
          totalIn++;
          textIn += text;
        } else textOut += text;
      }
      // Most text pixels the detector reports lie in labelled boxes, and the boxes are well covered.
      expect(textIn / (textIn + textOut)).toBeGreaterThan(0.8);
      expect(textIn / totalIn).toBeGreaterThan(0.3);
    } finally {
      await session.release();
    }
  }, 30_000);
});

describe('imageToTensor', () => {
  it('normalizes channels first, repeating grey and dropping alpha', () => {
    const normalization = { mean: [0.5, 0.25, 0] as const, std: [0.5, 0.25, 2] as const };
    const rgba = imageToTensor({ width: 2, height: 1, channels: 4, pixels: Uint8Array.of(255, 0, 51, 9, 0, 255, 102, 9) }, normalization);
    expect(rgba.dims).toEqual([1, 3, 1, 2]);
    expect(Array.from(rgba.data as Float32Array)).toEqual([1, -1, -1, 3, 0.1, 0.2].map(Math.fround));
    const grey = imageToTensor({ width: 1, height: 1, channels: 1, pixels: Uint8Array.of(255) }, normalization);
    expect(Array.from(grey.data as Float32Array)).toEqual([1, 3, 0.5]);
  });
});
