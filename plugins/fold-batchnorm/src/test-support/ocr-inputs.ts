/**
 * Real inputs for the PP-OCR classifier and detector, made from the shared text lines (float32
 * [1, 3, 48, 320], normalized (p - 0.5) / 0.5): the classifier gets the left 192 columns of a
 * line (PP-OCR feeds it 48x192 crops); the detector gets a 384x320 "page" of 8 lines stacked, re-
 * normalized with the ImageNet statistics the detector expects.
 */
import { ocrLines, type OnnxFeed } from '@edgepress/plugin-sdk/testing';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

async function lines(count: number): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for await (const sample of (await ocrLines(count)).samples()) out.push(Object.values(sample.inputs)[0].data as Float32Array);
  return out;
}

export async function recognizerFeeds(count: number): Promise<OnnxFeed[]> {
  return (await lines(count)).map((data) => ({ dims: [1, 3, 48, 320], data }));
}

export async function classifierFeeds(count: number): Promise<OnnxFeed[]> {
  return (await lines(count)).map((line) => {
    const data = new Float32Array(3 * 48 * 192);
    for (let row = 0; row < 3 * 48; row++) data.set(line.subarray(row * 320, row * 320 + 192), row * 192);
    return { dims: [1, 3, 48, 192], data };
  });
}

export async function detectorFeeds(count: number): Promise<OnnxFeed[]> {
  const all = await lines(8 * count);
  return Array.from({ length: count }, (_, page) => {
    const data = new Float32Array(3 * 384 * 320);
    for (let k = 0; k < 8; k++) {
      const line = all[page * 8 + k];
      for (let c = 0; c < 3; c++) {
        for (let i = 0; i < 48 * 320; i++) data[c * 384 * 320 + k * 48 * 320 + i] = (line[c * 48 * 320 + i] * 0.5 + 0.5 - MEAN[c]) / STD[c];
      }
    }
    return { dims: [1, 3, 384, 320], data };
  });
}
