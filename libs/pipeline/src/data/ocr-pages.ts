/**
 * The OCR pages of ../shared/data/ocr/pages as detector inputs: each page PNG listed in the
 * folder's labels.jsonl (`{"image", "width", "height", "lines": [{"text", "box"}]}`) becomes
 * float32 [1, 3, H, W], `(pixel / 255 - mean) / std` per channel (PP-OCR's detector normalization
 * by default), with the page's line texts joined by newlines as the sample text.
 *
 * Threat model: labels and images are untrusted. Image names must be plain file names inside the
 * folder; PNG decoding is bounded (png.ts); the decoded size must match the labelled size.
 * Tests: ocr-pages.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { decodePng, type DecodedImage } from './png';
import type { Dataset, Sample, SampleTensor } from './sample';

export interface ImageNormalization {
  readonly mean: readonly [number, number, number];
  readonly std: readonly [number, number, number];
}

/** ImageNet statistics, as PP-OCR's detector expects them. */
export const PP_OCR_DETECTOR_NORMALIZATION: ImageNormalization = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

export interface OcrPagesOptions {
  readonly normalization?: ImageNormalization;
  /** Model input to feed (default: unnamed, i.e. the model's only input). */
  readonly inputName?: string;
  readonly maxPixels?: number;
}

interface PageEntry {
  readonly image: string;
  readonly width: number;
  readonly height: number;
  readonly text: string;
}

function bad(message: string, cause?: unknown): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { cause });
}

export async function openOcrPages(folder: string, options: OcrPagesOptions = {}): Promise<Dataset> {
  const labelsFile = path.join(folder, 'labels.jsonl');
  const text = await fs.readFile(labelsFile, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `OCR pages labels '${labelsFile}' cannot be read (${error.code ?? 'error'})`, { cause: error });
  });
  const pages = parsePages(text, labelsFile);
  const normalization = options.normalization ?? PP_OCR_DETECTOR_NORMALIZATION;
  return {
    description: `OCR pages ${folder} (${pages.length} pages)`,
    size: pages.length,
    async *samples(): AsyncIterable<Sample> {
      for (const page of pages) {
        const file = path.join(folder, page.image);
        const image = decodePng(new Uint8Array(await fs.readFile(file)), page.image, { maxPixels: options.maxPixels });
        if (image.width !== page.width || image.height !== page.height) {
          throw bad(`Page '${page.image}' is ${image.width}x${image.height} but labels.jsonl says ${page.width}x${page.height}`);
        }
        yield { id: page.image, inputs: { [options.inputName ?? '']: imageToTensor(image, normalization) }, text: page.text };
      }
    },
  };
}

function parsePages(text: string, file: string): PageEntry[] {
  const pages: PageEntry[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `line ${index + 1} of '${file}'`;
    let entry: Record<string, unknown>;
    try {
      entry = JSON.parse(line) as Record<string, unknown>;
    } catch (error) {
      throw bad(`${where} is not valid JSON`, error);
    }
    const { image, width, height, lines } = entry ?? {};
    if (typeof image !== 'string' || image === '' || image !== path.basename(image) || image.startsWith('.')) throw bad(`${where} needs "image", a file name inside the folder`);
    if (!Number.isSafeInteger(width) || !Number.isSafeInteger(height)) throw bad(`${where} needs integer "width" and "height"`);
    const texts = Array.isArray(lines) ? lines.map((item) => (item as { text?: unknown })?.text) : [];
    if (!texts.every((item): item is string => typeof item === 'string')) throw bad(`${where} has a line without a "text" string`);
    pages.push({ image, width: width as number, height: height as number, text: texts.join('\n') });
  });
  if (pages.length === 0) throw bad(`'${file}' lists no pages`);
  return pages;
}

/** Decoded pixels -> [1, 3, H, W] float32, normalized per channel; grey is repeated, alpha dropped. */
export function imageToTensor(image: DecodedImage, normalization: ImageNormalization): SampleTensor {
  const { width, height, channels, pixels } = image;
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const source = channels >= 3 ? c : 0;
    const [mean, std] = [normalization.mean[c], normalization.std[c]];
    for (let i = 0; i < plane; i++) data[c * plane + i] = (pixels[i * channels + source] / 255 - mean) / std;
  }
  return { dataType: 'float32', dims: [1, 3, height, width], data };
}
