import path from 'node:path';
import { ErrorCode } from '@edgepress/plugin-sdk';
import { compareOutputs, createInProcessKernels, listTargets, ocrLines, ocrModelPath, randomInputs, readModel, runOnnx, testPlugin, writeModel, type OnnxFeed, type OnnxOutput, pythonModels } from '@edgepress/plugin-sdk/testing';
import quantizeInt4 from './index';
import { dequantizeBlocks, unpackMatMulNBits } from './int4-blocks';

jest.setTimeout(120_000);

const entry = path.join(__dirname, 'index.ts');
/** The native kernels in process: the reference quantizer. */
const { quantizeInt4Weights } = createInProcessKernels();

/**
 * x [n, t, 8] -> MatMul 'embed' (K = 8: below every block size) -> Tanh -> MatMul 'fc1' [128, 64]
 * -> Relu -> MatMul 'fc2' [64, 40] -> y. The Tanh of an 8-dim projection makes fc1's 128 inputs
 * strongly correlated, the case GPTQ is for.
 */
const MODELS = `
rng = np.random.default_rng(0)
weights = {'embed_w': (rng.normal(0, 1, (8, 128)) * 0.4).astype(np.float32),
           'fc1_w': rng.normal(0, 0.1, (128, 64)).astype(np.float32),
           'fc2_w': rng.normal(0, 0.1, (64, 40)).astype(np.float32)}
nodes = [helper.make_node('MatMul', ['x', 'embed_w'], ['e'], name='embed'), helper.make_node('Tanh', ['e'], ['h'], name='tanh'),
         helper.make_node('MatMul', ['h', 'fc1_w'], ['a'], name='fc1'), helper.make_node('Relu', ['a'], ['r'], name='relu'),
         helper.make_node('MatMul', ['r', 'fc2_w'], ['y'], name='fc2')]
save('mixer', nodes, [value('x', ['n', 't', 8])], [value('y', ['n', 't', 40])], weights)
save('mixer_static', nodes, [value('x', [1, 64, 8])], [value('y', [1, 64, 40])], weights)
wide = [helper.make_node('Relu', ['x'], ['h'], name='relu'), helper.make_node('MatMul', ['h', 'wide_w'], ['y'], name='wide')]
bad = rng.normal(0, 0.1, (32, 4)).astype(np.float32)
bad[3, 1] = np.nan
save('nan', [helper.make_node('Relu', ['x'], ['h'], name='relu'), helper.make_node('MatMul', ['h', 'bad_w'], ['y'], name='bad')], [value('x', ['n', 32])], [value('y', ['n', 4])], {'bad_w': bad})
save('wide', wide, [value('x', ['n', 2056])], [value('y', ['n', 4])], {'wide_w': rng.normal(0, 0.1, (2056, 4)).astype(np.float32)})
`;

let models: Record<string, Uint8Array>;
let feeds: Record<string, OnnxFeed>;

beforeAll(async () => {
  models = pythonModels(MODELS);
  feeds = await randomInputs(models.mixer, { seed: 7, dims: { n: 2, t: 16 }, distribution: 'normal' });
});

function weightOf(bytes: Uint8Array, name: string): Float32Array {
  return readModel(bytes).readWeight(name).data as Float32Array;
}

function nodeNamed(bytes: Uint8Array, name: string) {
  const node = readModel(bytes).graph.nodes.find((candidate) => candidate.name === name);
  if (node === undefined) throw new Error(`no node ${name}`);
  return node;
}

function attributes(node: ReturnType<typeof nodeNamed>): Record<string, number> {
  return Object.fromEntries(node.attribute.map((attribute) => [attribute.name, Number(attribute.i)]));
}

/** The original model with some weights replaced by the given values. */
function withWeights(bytes: Uint8Array, replacements: Record<string, Float32Array>): Uint8Array {
  const model = readModel(bytes);
  for (const [name, data] of Object.entries(replacements)) model.replaceWeight(name, { ...model.readWeight(name), data });
  return writeModel(model);
}

function squaredError(reference: Record<string, OnnxOutput>, candidate: Record<string, OnnxOutput>): number {
  const a = reference.y.data as Float32Array;
  const b = candidate.y.data as Float32Array;
  return a.reduce((sum, value, i) => sum + (value - (b[i] as number)) ** 2, 0);
}

/** Text lines [from, to) of the shared OCR data as one batch [n, 3, 48, 320]. */
async function lineBatch(from: number, to: number): Promise<Record<string, OnnxFeed>> {
  const lines: Float32Array[] = [];
  let index = 0;
  for await (const sample of (await ocrLines(to)).samples()) {
    const tensor = Object.values(sample.inputs)[0];
    if (index++ >= from && tensor !== undefined) lines.push(tensor.data as Float32Array);
  }
  const size = 3 * 48 * 320;
  const data = new Float32Array(lines.length * size);
  lines.forEach((line, i) => data.set(line, i * size));
  return { x: { dims: [lines.length, 3, 48, 320], data } };
}

/** Cosine similarity of each sample (first axis) of output y. */
function cosinePerSample(reference: OnnxOutput, candidate: OnnxOutput): number[] {
  const a = reference.data as Float32Array;
  const b = candidate.data as Float32Array;
  const size = a.length / (reference.dims[0] as number);
  return Array.from({ length: reference.dims[0] as number }, (_, s) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let i = s * size; i < (s + 1) * size; i++) {
      dot += (a[i] as number) * (b[i] as number);
      na += (a[i] as number) ** 2;
      nb += (b[i] as number) ** 2;
    }
    return dot / Math.sqrt(na * nb);
  });
}

describe('quantize-int4 as MatMulNBits', () => {
  it.each([
    { symmetric: false, blockSize: 32 },
    { symmetric: true, blockSize: 16 },
  ])('packs weights exactly as the kernels reference and computes what the dequantized weights compute (symmetric $symmetric, block $blockSize)', async ({ symmetric, blockSize }) => {
    const run = await testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { symmetric, blockSize } });
    const out = run.bytes;
    expect(nodeNamed(out, 'embed').opType).toBe('MatMul');
    expect(run.result?.notes).toEqual(expect.arrayContaining([expect.stringContaining(`embed: K = 8 is smaller than the block size ${blockSize}`)]));
    const dequantized: Record<string, Float32Array> = {};
    for (const [layer, k, n] of [
      ['fc1', 128, 64],
      ['fc2', 64, 40],
    ] as const) {
      const node = nodeNamed(out, `${layer}_int4`);
      expect({ opType: node.opType, domain: node.domain }).toEqual({ opType: 'MatMulNBits', domain: 'com.microsoft' });
      expect(attributes(node)).toEqual({ K: k, N: n, bits: 4, block_size: blockSize, accuracy_level: 0 });
      const reference = await quantizeInt4Weights({ data: weightOf(models.mixer, `${layer}_w`), shape: [k, n] }, { blockSize, symmetric });
      const [packed, scales, zeroPoints] = node.input.slice(1).map((name) => readModel(out).readWeight(name));
      expect(packed?.dims).toEqual([n, Math.ceil(k / blockSize), blockSize / 2]);
      expect(Buffer.from(packed?.data as Uint8Array).equals(Buffer.from(reference.data))).toBe(true);
      expect(Array.from(scales?.data as Float32Array)).toEqual(Array.from(reference.scales));
      if (symmetric) expect(zeroPoints).toBeUndefined();
      else expect(Buffer.from(zeroPoints?.data as Uint8Array).equals(Buffer.from(reference.zeroPoints as Uint8Array))).toBe(true);
      dequantized[`${layer}_w`] = dequantizeBlocks(unpackMatMulNBits({ k, n, blockSize, symmetric }, reference.data, reference.scales, reference.zeroPoints));
    }
    const [baseline, quantized, expected] = await Promise.all([runOnnx(models.mixer, feeds), runOnnx(out, feeds), runOnnx(withWeights(models.mixer, dequantized), feeds)]);
    // ONNX Runtime's MatMulNBits (accuracy level 0) computes what fp32 MatMuls by the dequantized weights compute.
    expect(compareOutputs(expected, quantized).maxAbsError).toBeLessThan(1e-5);
    // Stated tolerance against the fp32 model on these inputs: cosine >= 0.99.
    expect(compareOutputs(baseline, quantized).cosine).toBeGreaterThan(0.99);
    expect(run.result?.summary).toMatchObject({ layers: 2, format: 'matmulnbits', parametersQuantized: 128 * 64 + 64 * 40, weightBytesBefore: 4 * (128 * 64 + 64 * 40) });
  });

  it('writes the same model in the sandbox as in process', async () => {
    const params = { blockSize: 32 };
    const [inProcess, sandboxed] = await Promise.all([
      testPlugin(quantizeInt4, { model: models.mixer, target: 'raspberry-pi-5', params }),
      testPlugin(quantizeInt4, { model: models.mixer, target: 'raspberry-pi-5', params, sandbox: true, entry }),
    ]);
    expect(Buffer.from(sandboxed.bytes).equals(Buffer.from(inProcess.bytes))).toBe(true);
    expect(sandboxed.result).toEqual(inProcess.result);
  });
});

describe('quantize-int4 as int4 DequantizeLinear', () => {
  it.each([false, true])('stores the reference levels as opset-21 block-wise int4/uint4 and computes what MatMulNBits computes (symmetric %s)', async (symmetric) => {
    const params = { symmetric, blockSize: 32 };
    const [dq, nbits] = await Promise.all([
      testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { ...params, format: 'dequantize-linear' } }),
      testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params }),
    ]);
    const model = readModel(dq.bytes);
    expect(model.opsetVersion('')).toBe(21);
    const node = nodeNamed(dq.bytes, 'fc1_dequantize_int4');
    expect(node.opType).toBe('DequantizeLinear');
    expect(attributes(node)).toEqual({ axis: 0, block_size: 32 });
    const [values, scales, zeroPoints] = node.input.map((name) => model.readWeight(name));
    expect(values?.dims).toEqual([128, 64]);
    expect(scales?.dims).toEqual([4, 64]);
    const reference = await quantizeInt4Weights({ data: weightOf(models.mixer, 'fc1_w'), shape: [128, 64] }, { blockSize: 32, symmetric });
    const levels = unpackMatMulNBits({ k: 128, n: 64, blockSize: 32, symmetric }, reference.data, reference.scales, reference.zeroPoints).levels;
    expect(Array.from(values?.data as Int8Array | Uint8Array)).toEqual(Array.from(levels, (level) => (symmetric ? level - 8 : level)));
    expect(zeroPoints === undefined).toBe(symmetric);
    expect(nodeNamed(dq.bytes, 'fc1').input[1]).toBe(node.output[0]);
    const [a, b] = await Promise.all([runOnnx(dq.bytes, feeds), runOnnx(nbits.bytes, feeds)]);
    expect(compareOutputs(b, a).maxAbsError).toBeLessThan(1e-5);
  });
});

describe('quantize-int4 with GPTQ rounding', () => {
  it('has a lower output error than round-to-nearest on its calibration data and on held-out inputs', async () => {
    const calibration = { random: 16, seed: 3, dims: { n: 1, t: 32 } };
    const [gptq, nearest] = await Promise.all([
      testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { rounding: 'gptq' }, calibration }),
      testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { rounding: 'nearest' } }),
    ]);
    expect(gptq.calibrationBatches).toBe(16);
    const calibrationFeed = await randomInputs(models.mixer, { seed: 3, dims: { n: 1, t: 32 } });
    for (const feed of [calibrationFeed, feeds]) {
      const [baseline, withGptq, withNearest] = await Promise.all([runOnnx(models.mixer, feed), runOnnx(gptq.bytes, feed), runOnnx(nearest.bytes, feed)]);
      expect(squaredError(baseline, withGptq)).toBeLessThan(0.7 * squaredError(baseline, withNearest));
    }
    // Scales and zero points are on the kernels' grid rules; the levels differ from round-to-nearest.
    const node = nodeNamed(gptq.bytes, 'fc1_int4');
    expect(readModel(gptq.bytes).readWeight(node.input[1] as string).dims).toEqual([64, 4, 16]);
  });

  it('rounds layers wider than 2048 inputs to nearest, and says so', async () => {
    const run = await testPlugin(quantizeInt4, { model: models.wide, target: 'xeon-e5-2690-v4', params: { rounding: 'gptq' }, calibration: { random: 2, dims: { n: 4 } } });
    expect(run.result?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/rounded to nearest: 1 layer\(s\) with K > 2048/)]));
    const reference = await quantizeInt4Weights({ data: weightOf(models.wide, 'wide_w'), shape: [2056, 4] }, { blockSize: 32 });
    const packed = readModel(run.bytes).readWeight(nodeNamed(run.bytes, 'wide_int4').input[1] as string);
    expect(Buffer.from(packed.data as Uint8Array).equals(Buffer.from(reference.data))).toBe(true);
  });

  it('refuses non-finite weights with a typed error naming them, whatever the rounding', async () => {
    await expect(testPlugin(quantizeInt4, { model: models.nan, target: 'xeon-e5-2690-v4', params: { rounding: 'gptq' }, calibration: { random: 2 } })).rejects.toMatchObject({
      code: ErrorCode.INVALID_MODEL,
      message: expect.stringMatching(/bad_w\[13\] of bad is NaN/),
    });
    await expect(testPlugin(quantizeInt4, { model: models.nan, target: 'xeon-e5-2690-v4', params: {} })).rejects.toMatchObject({
      code: ErrorCode.INVALID_ARGUMENT,
      message: expect.stringMatching(/finite weights/),
    });
  });

  it('needs calibration data', async () => {
    await expect(testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { rounding: 'gptq' } })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/gptq.*needs calibration data/),
    });
  });
});

describe('quantize-int4 layer selection, notes and targets', () => {
  it('honours include/exclude and refuses names that are not nodes', async () => {
    const run = await testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { exclude: ['fc2'] } });
    expect(nodeNamed(run.bytes, 'fc2').opType).toBe('MatMul');
    expect(nodeNamed(run.bytes, 'fc1_int4').opType).toBe('MatMulNBits');
    await expect(testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { include: ['fc9'] } })).rejects.toMatchObject({
      code: ErrorCode.BAD_USER_INPUT,
      message: expect.stringMatching(/'fc9' is not in it/),
    });
    await expect(testPlugin(quantizeInt4, { model: models.mixer, target: 'xeon-e5-2690-v4', params: { blockSize: 48 } })).rejects.toMatchObject({ code: ErrorCode.BAD_USER_INPUT });
  });

  it('says when MatMulNBits is likely slower than fp32 (64 rows or more) and when the target has no int4', async () => {
    const fixed = await testPlugin(quantizeInt4, { model: models.mixer_static, target: 'raspberry-pi-4', params: {} });
    expect(fixed.result?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/slower than an fp32 MatMul once A has 64 rows.*fc1 \(64 rows\)/), expect.stringMatching(/has no int4 arithmetic/)]));
    const dynamic = await testPlugin(quantizeInt4, { model: models.mixer, target: 'raspberry-pi-4', params: {} });
    expect(dynamic.result?.notes).toEqual(expect.arrayContaining([expect.stringMatching(/2 quantized layer\(s\) have a dynamic number of rows/)]));
  });

  it('supports targets that compute in float, not int8-only accelerators', async () => {
    const supported: Record<string, boolean> = {};
    for (const target of listTargets()) {
      supported[target.id] = await testPlugin(quantizeInt4, { model: models.mixer, target: target.id, params: { include: ['fc2'] } }).then(
        () => true,
        (error: { message: string }) => {
          expect(error.message).toMatch(/does not support target .*computes in int8 only/);
          return false;
        },
      );
    }
    expect(supported).toMatchObject({ 'coral-edge-tpu': false, 'raspberry-pi-4': true, 'jetson-orin-nano': true, stm32h7: true, 'apple-neural-engine': true });
  });
});

describe('quantize-int4 on the PP-OCRv4 recognizer (real inputs)', () => {
  it('stays within cosine 0.99 of fp32 on real text lines, and GPTQ calibrated on other lines does better', async () => {
    const model = ocrModelPath('recognizer');
    const [nearest, gptq] = await Promise.all([
      testPlugin(quantizeInt4, { model, target: 'raspberry-pi-5', params: {} }),
      testPlugin(quantizeInt4, { model, target: 'raspberry-pi-5', params: { rounding: 'gptq' }, calibration: await ocrLines(12) }),
    ]);
    expect(nearest.result?.summary).toMatchObject({ layers: 9, parametersQuantized: 1_025_400 });
    expect(nearest.bytes.length).toBeLessThan(0.7 * nearest.input.length);
    const heldOut = await lineBatch(12, 48);
    const [baseline, withNearest, withGptq] = await Promise.all([runOnnx(model, heldOut), runOnnx(nearest.bytes, heldOut), runOnnx(gptq.bytes, heldOut)]);
    const output = Object.keys(baseline)[0] as string;
    const cosNearest = cosinePerSample(baseline[output] as OnnxOutput, withNearest[output] as OnnxOutput);
    const cosGptq = cosinePerSample(baseline[output] as OnnxOutput, withGptq[output] as OnnxOutput);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(mean(cosNearest)).toBeGreaterThan(0.99);
    expect(mean(cosGptq)).toBeGreaterThan(mean(cosNearest));
    expect(Math.min(...cosGptq)).toBeGreaterThan(Math.min(...cosNearest));
  });
});
