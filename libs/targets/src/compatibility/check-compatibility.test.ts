import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { ModelSummary } from '@edgepress/onnx';
import { computeLayer, dynamicImageInput, layer, summaryOf } from '../../test/summary-fixtures';
import { getTarget, listTargets } from '../catalog/catalog';
import type { CompatibilityIssue, CompatibilityIssueCode } from './compatibility-issue';
import { checkCompatibility } from './check-compatibility';

const MiB = 2 ** 20;
const KiB = 2 ** 10;

function issue(issues: readonly CompatibilityIssue[], code: CompatibilityIssueCode): CompatibilityIssue {
  const found = issues.find((candidate) => candidate.code === code);
  if (found === undefined) throw new Error(`expected an issue ${code}, got ${issues.map((candidate) => candidate.code).join(', ')}`);
  return found;
}

const codes = (issues: readonly CompatibilityIssue[]) => issues.map((candidate) => candidate.code);

/** A small fp32 CNN: 4.7 MB of weights, 800 KB peak activations. */
function fp32Cnn(overrides: Partial<ModelSummary> = {}): ModelSummary {
  return summaryOf(
    [
      computeLayer('Conv', 10_000_000, 700_000, 800_000),
      layer('Relu', { activationBytes: 800_000 }),
      computeLayer('Conv', 20_000_000, 2_000_000, 600_000),
      layer('GlobalAveragePool', { activationBytes: 400_000 }),
      computeLayer('Gemm', 2_000_000, 2_000_000, 12_000),
      layer('Softmax', { activationBytes: 8_000 }),
    ],
    overrides,
  );
}

describe('checkCompatibility: memory', () => {
  it('says a 4.7 MB fp32 model does not fit the stm32h7 flash, and by how much', () => {
    const report = checkCompatibility(fp32Cnn(), getTarget('stm32h7'));
    expect(report.fits).toBe(false);
    expect(report.compatible).toBe(false);
    const flash = issue(report.issues, 'EXCEEDS_FLASH');
    const excess = 4_700_000 - 2 * MiB;
    expect(flash).toMatchObject({ severity: 'error', requiredBytes: 4_700_000, availableBytes: 2 * MiB, excessBytes: excess });
    expect(flash.ratio).toBeCloseTo(4_700_000 / (2 * MiB), 10);
    expect(flash.message).toContain(`${excess.toLocaleString('en-US')} bytes`);
    expect(flash.message).toContain('2.24x');
    expect(flash.message).toContain('stm32h7');
  });

  it('subtracts reserved flash and RAM, and rejects a bad reservation', () => {
    const small = summaryOf([computeLayer('Conv', 1000, 1_900_000, 1000, 'int8')]);
    expect(checkCompatibility(small, getTarget('stm32h7')).fits).toBe(true);
    const report = checkCompatibility(small, getTarget('stm32h7'), { reservedFlashBytes: 300 * KiB });
    expect(issue(report.issues, 'EXCEEDS_FLASH').availableBytes).toBe(2 * MiB - 300 * KiB);
    for (const bad of [-1, 1.5, Number.NaN]) {
      expect(() => checkCompatibility(small, getTarget('stm32h7'), { reservedRamBytes: bad })).toThrow(
        expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('reservedRamBytes') }),
      );
    }
  });

  it('separates a non-contiguous fit, external RAM, and a real excess on microcontrollers', () => {
    const activations = (bytes: number) => summaryOf([computeLayer('Conv', 1000, 100_000, bytes, 'int8')]);
    const split = checkCompatibility(activations(600 * KiB), getTarget('stm32h7'));
    expect(split.fits).toBe(true);
    expect(issue(split.issues, 'EXCEEDS_CONTIGUOUS_RAM')).toMatchObject({ severity: 'warning', availableBytes: 512 * KiB });

    const tooBig = checkCompatibility(activations(3 * MiB), getTarget('stm32h7'));
    expect(tooBig.fits).toBe(false);
    expect(issue(tooBig.issues, 'EXCEEDS_RAM')).toMatchObject({ severity: 'error', excessBytes: 2 * MiB, ratio: 3 });

    const psram = checkCompatibility(activations(MiB), getTarget('esp32-s3'));
    expect(psram.fits).toBe(true);
    expect(issue(psram.issues, 'ACTIVATIONS_IN_EXTERNAL_RAM').severity).toBe('warning');
    expect(checkCompatibility(activations(9 * MiB), getTarget('esp32-s3')).fits).toBe(false);
  });

  it('counts weights plus activations against the RAM of boards and warns when activations are unknown', () => {
    const huge = summaryOf([computeLayer('MatMul', 1e9, 5 * 2 ** 30, 1e6)]);
    const report = checkCompatibility(huge, getTarget('raspberry-pi-4'));
    expect(issue(report.issues, 'EXCEEDS_RAM')).toMatchObject({ requiredBytes: 5 * 2 ** 30 + 1e6, availableBytes: 4 * 2 ** 30 });

    const unknown = checkCompatibility(summaryOf([computeLayer('MatMul', null, 1000, null)]), getTarget('raspberry-pi-4'));
    expect(unknown.fits).toBe(true);
    expect(issue(unknown.issues, 'ACTIVATION_SIZE_UNKNOWN').severity).toBe('warning');
  });

  it('warns that Edge TPU weights beyond the on-chip cache stream over USB, without failing the fit', () => {
    const big = summaryOf([computeLayer('Conv', 1e9, 10 * MiB, 1000, 'int8')]);
    const report = checkCompatibility(big, getTarget('coral-edge-tpu'));
    expect(report.fits).toBe(true);
    expect(issue(report.issues, 'EXCEEDS_ON_CHIP_MEMORY')).toMatchObject({ severity: 'warning', excessBytes: 2 * MiB });
  });
});

describe('checkCompatibility: precisions and quantization scheme', () => {
  it('tells an fp32 model on the Edge TPU to quantize to per-tensor int8 with static shapes', () => {
    const report = checkCompatibility(fp32Cnn({ inputs: [dynamicImageInput] }), getTarget('coral-edge-tpu'));
    expect(report.compatible).toBe(false);
    expect(report.fits).toBe(true);
    expect(issue(report.issues, 'UNSUPPORTED_PRECISION')).toMatchObject({ severity: 'error', precision: 'fp32', layerCount: 6 });
    const int8 = issue(report.issues, 'REQUIRES_INT8');
    expect(int8.severity).toBe('error');
    expect(int8.message).toMatch(/quantize the 6 layers in floating point to int8 \(per-tensor scales, static shapes\)/);
    expect(issue(report.issues, 'REQUIRES_PER_TENSOR').severity).toBe('info');
    const shapes = issue(report.issues, 'REQUIRES_STATIC_SHAPES');
    expect(shapes).toMatchObject({ severity: 'error', tensors: ['image'] });
    expect(shapes.message).toContain('image [batch, 3, 224, 224]');
    expect(issue(report.issues, 'TENSOR_RANK_TOO_HIGH').tensors).toEqual(['image']);
    expect(report.requiredScheme).toMatchObject({ perTensorOnly: true, staticShapes: true, allowedPrecisions: ['int8'] });
  });

  it('asks an already int8 model on the Edge TPU to verify per-tensor scales, with no precision error', () => {
    const int8 = summaryOf([computeLayer('Conv', 1e6, 1000, 1000, 'int8'), computeLayer('Gemm', 1e5, 1000, 100, 'int8')]);
    const report = checkCompatibility(int8, getTarget('coral-edge-tpu'));
    expect(report.compatible).toBe(true);
    expect(codes(report.issues)).toEqual(['REQUIRES_PER_TENSOR']);
    expect(report.issues[0]?.severity).toBe('warning');
  });

  it('requires reduce_range on the AVX2 server without VNNI but not on the VNNI server', () => {
    const int8 = summaryOf([computeLayer('MatMul', 1e6, 1000, 1000, 'int8')]);
    const avx2 = checkCompatibility(int8, getTarget('xeon-e5-2690-v4'));
    const reduce = issue(avx2.issues, 'REQUIRES_REDUCE_RANGE');
    expect(reduce.severity).toBe('warning');
    expect(reduce.message).toContain('vpmaddubsw');
    expect(reduce.message).toMatch(/saturat/);
    expect(avx2.requiredScheme.reduceRange).toBe(true);
    const vnni = checkCompatibility(int8, getTarget('xeon-platinum-8280'));
    expect(codes(vnni.issues)).not.toContain('REQUIRES_REDUCE_RANGE');
    expect(vnni.requiredScheme.reduceRange).toBe(false);
    expect(issue(checkCompatibility(fp32Cnn(), getTarget('xeon-e5-2690-v4')).issues, 'REQUIRES_REDUCE_RANGE').severity).toBe('info');
  });

  it('reports precisions that run converted: int4 unpacked on a CPU, fp32 computed in fp16 on the Neural Engine', () => {
    const int4 = checkCompatibility(summaryOf([computeLayer('MatMul', 1e6, 500, 1000, 'int4')]), getTarget('raspberry-pi-5'));
    expect(issue(int4.issues, 'PRECISION_CONVERTED')).toMatchObject({ severity: 'info', precision: 'int4', executedAs: 'int8' });
    expect(int4.compatible).toBe(true);
    const ane = checkCompatibility(fp32Cnn(), getTarget('apple-neural-engine'));
    expect(issue(ane.issues, 'PRECISION_CONVERTED')).toMatchObject({ severity: 'warning', precision: 'fp32', executedAs: 'fp16' });
    expect(ane.compatible).toBe(true);
  });

  it('finds nothing to report for an fp32 model on a Raspberry Pi 4', () => {
    const report = checkCompatibility(fp32Cnn(), getTarget('raspberry-pi-4'));
    expect(report).toMatchObject({ targetId: 'raspberry-pi-4', fits: true, compatible: true, issues: [] });
  });
});

describe('checkCompatibility: operators', () => {
  it('names the operators the Edge TPU cannot run and where they go', () => {
    const model = summaryOf([
      computeLayer('Conv', 1e6, 1000, 1000, 'int8'),
      layer('LayerNormalization', { precision: 'int8', activationBytes: 1000 }),
      layer('Shape', { precision: 'other' }),
      layer('Constant', { precision: 'other' }),
      layer('Identity', { precision: 'int8' }),
    ]);
    const report = checkCompatibility(model, getTarget('coral-edge-tpu'));
    const unsupported = report.issues.filter((candidate) => candidate.code === 'UNSUPPORTED_OP');
    expect(unsupported.map((candidate) => candidate.opType)).toEqual(['LayerNormalization', 'Shape']);
    expect(unsupported[0]).toMatchObject({ severity: 'warning', nodeCount: 1 });
    expect(unsupported[0]?.message).toMatch(/runs on the host instead \(host CPU/);
    expect(unsupported[1]?.message).toMatch(/fixing the input shapes/);
  });

  it('fails on a microcontroller without a kernel and notes kernels that are not optimized', () => {
    const model = summaryOf([
      computeLayer('Conv', 1e6, 1000, 1000, 'int8'),
      computeLayer('ConvTranspose', 1e6, 1000, 1000, 'int8'),
      layer('LayerNormalization', { precision: 'int8' }),
      layer('Reshape', { precision: 'int8' }),
    ]);
    const report = checkCompatibility(model, getTarget('esp32-s3'));
    expect(report.compatible).toBe(false);
    expect(issue(report.issues, 'UNSUPPORTED_OP')).toMatchObject({ severity: 'error', opType: 'LayerNormalization' });
    expect(issue(report.issues, 'UNOPTIMIZED_OP')).toMatchObject({ severity: 'info', opType: 'ConvTranspose' });
    expect(report.issues.filter((candidate) => candidate.code === 'UNOPTIMIZED_OP')).toHaveLength(1);
  });

  it('does not check operators on CPUs and GPUs', () => {
    const model = summaryOf([layer('com.microsoft.MatMulNBits', { macs: 1e6, precision: 'int4' }), layer('LayerNormalization')]);
    for (const id of ['raspberry-pi-5', 'jetson-orin-nano']) {
      expect(codes(checkCompatibility(model, getTarget(id)).issues)).not.toContain('UNSUPPORTED_OP');
    }
  });
});

describe('checkCompatibility: report shape', () => {
  it.each(listTargets().map((target) => [target.id] as const))('orders issues errors first on %s and freezes the report', (id) => {
    const report = checkCompatibility(fp32Cnn({ inputs: [dynamicImageInput] }), getTarget(id));
    const rank = { error: 0, warning: 1, info: 2 };
    const ranks = report.issues.map((candidate) => rank[candidate.severity]);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(report.compatible).toBe(!report.issues.some((candidate) => candidate.severity === 'error'));
    expect(Object.isFrozen(report)).toBe(true);
    for (const candidate of report.issues) expect(candidate.message.length).toBeGreaterThan(20);
  });

  it('rejects a malformed summary with INVALID_ARGUMENT naming the field', () => {
    const broken = { ...fp32Cnn(), weightBytes: Number.NaN };
    expect(() => checkCompatibility(broken, getTarget('stm32h7'))).toThrow(
      expect.objectContaining({ code: ErrorCode.INVALID_ARGUMENT, message: expect.stringContaining('weightBytes') }),
    );
    const badLayer = fp32Cnn();
    (badLayer.layers[2] as { macs: number }).macs = -5;
    expect(() => checkCompatibility(badLayer, getTarget('stm32h7'))).toThrow(EdgepressError);
    expect(() => checkCompatibility(null as unknown as ModelSummary, getTarget('stm32h7'))).toThrow(/ModelSummary/);
  });
});
