import { z } from '@edgepress/plugin-sdk';

/** Op types whose constant weights this plugin quantizes (static: QDQ; dynamic: MatMul and Gemm only). */
export const WEIGHT_OP_TYPES = ['Conv', 'ConvTranspose', 'MatMul', 'Gemm'] as const;
export type WeightOpType = (typeof WEIGHT_OP_TYPES)[number];

/**
 * Activation-only operators that ONNX Runtime can run in int8 when their inputs and outputs are
 * quantized (QLinearAdd, QLinearMul, QLinearConcat, QLinearAveragePool, QLinearGlobalAveragePool,
 * int8 MaxPool and Resize, QLinearSigmoid). Off by default: whether they help depends on the model.
 */
export const ACTIVATION_OP_TYPES = ['Add', 'Mul', 'Concat', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'Resize', 'Sigmoid'] as const;
export type ActivationOpType = (typeof ACTIVATION_OP_TYPES)[number];

const nodeNames = z.array(z.string().min(1).max(1000)).max(100_000);

export const mixedPrecisionParams = z
  .object({
    enabled: z.boolean().default(false).describe('Measure each layer\'s sensitivity on calibration data and keep the most sensitive layers out of int8.'),
    fidelity: z
      .number()
      .min(0)
      .max(1)
      .default(0.99)
      .describe('Fidelity to reach, in `metric` (runtime.evaluate against the stage input); layers fall back in order of sensitivity until it is reached.'),
    metric: z
      .enum(['cosine', 'top1Agreement'])
      .default('cosine')
      .describe(
        "What the fidelity target measures. cosine: cosine similarity of the outputs. top1Agreement: the share of positions whose arg-max class agrees (per sample of a classifier, per step of a sequence output such as a CTC recognizer's, per pixel of a segmentation map): the metric that follows what a task decodes, where a high cosine can still flip close arg-maxes.",
      ),
    maxLayersFp32: z.number().int().min(0).max(100_000).optional().describe('At most this many layers fall back, whatever the fidelity.'),
    fallback: z
      .enum(['auto', 'fp32', 'weights-int8'])
      .default('auto')
      .describe(
        'What a sensitive layer falls back to. fp32: weights and activations in float. weights-int8: int8 weights stored, float activations (see weightOnlyFormat). auto: fp32 for layers holding under 1 % of the quantized weights (cheap in bytes, and exact), weights-int8 for the others.',
      ),
    batches: z.number().int().min(1).max(256).default(2).describe('Calibration batches per sensitivity measurement.'),
  })
  .describe('Mixed precision driven by measured per-layer sensitivity.');

export const quantizeInt8Params = z.object({
  mode: z
    .enum(['static', 'dynamic'])
    .default('static')
    .describe('static: QDQ (QuantizeLinear/DequantizeLinear) with activation ranges from calibration data. dynamic: MatMul/Gemm as DynamicQuantizeLinear + MatMulInteger (activation ranges computed at run time, no calibration needed).'),
  calibration: z
    .enum(['minmax', 'percentile', 'entropy', 'mse'])
    .default('mse')
    .describe('How activation ranges are chosen from the calibration histograms (static mode). mse kept the PP-OCRv4 models closest to fp32 in our measurements.'),
  percentile: z.number().min(50).max(100).default(99.99).describe('For calibration "percentile": the percentile of |x| kept.'),
  granularity: z
    .enum(['per-channel', 'per-tensor'])
    .default('per-channel')
    .describe('Weight scales per output channel or one per tensor. Targets that allow only per-tensor scales (e.g. Edge TPU) force per-tensor.'),
  symmetricWeights: z.boolean().default(true).describe('int8 weights with zero point 0 (required by most int8 kernels); false gives asymmetric int8 weights.'),
  activations: z
    .enum(['uint8-asymmetric', 'int8-symmetric', 'float'])
    .default('uint8-asymmetric')
    .describe(
      'Activation type and range: uint8 with a zero point (ONNX Runtime\'s default), int8 with zero point 0, or float (weight-only int8: every layer stores int8 weights and computes in float, see weightOnlyFormat; no activation calibration).',
    ),
  reduceRange: z
    .union([z.literal('auto'), z.boolean()])
    .default('auto')
    .describe('7-bit weights. auto follows the target: x86 CPUs without VNNI, whose u8 x s8 products saturate the 16-bit intermediates of VPMADDUBSW.'),
  opTypes: z
    .array(z.enum(WEIGHT_OP_TYPES))
    .max(WEIGHT_OP_TYPES.length)
    .default(['Conv', 'ConvTranspose', 'MatMul', 'Gemm'])
    .describe('Op types whose constant weights are quantized.'),
  activationOps: z
    .array(z.enum(ACTIVATION_OP_TYPES))
    .max(ACTIVATION_OP_TYPES.length)
    .default([])
    .describe('Static mode: activation-only op types also wrapped in QDQ so that ONNX Runtime runs them in int8.'),
  include: nodeNames.default([]).describe('Node names to quantize (empty: every eligible node).'),
  exclude: nodeNames.default([]).describe('Node names kept in fp32.'),
  foldBatchNorm: z
    .boolean()
    .default(true)
    .describe('Fold BatchNormalization and per-channel Mul/Add that follow a layer into its weight and bias first (ONNX Runtime cannot quantize a BatchNormalization, and the folded bias is quantized with the layer).'),
  fuseHardSwish: z
    .boolean()
    .default(true)
    .describe('Rewrite hard swish written as Add(x, 3), Clip(0, 6), Mul by x and division by 6 as Mul(x, HardSigmoid(x)) first (the same function, two nodes and up to four constants fewer each; exact matches only).'),
  biasCorrection: z
    .boolean()
    .default(true)
    .describe('Move each layer\'s bias by the mean output shift that weight rounding causes, measured with the mean input of every channel on calibration data.'),
  biasCorrectionBatches: z.number().int().min(1).max(256).default(4).describe('Calibration batches used for the input means of bias correction.'),
  mixedPrecision: mixedPrecisionParams.default({ enabled: false, fidelity: 0.99, metric: 'cosine', fallback: 'auto', batches: 2 }),
  weightOnlyFormat: z
    .enum(['cast-mul', 'dequantize-linear'])
    .default('cast-mul')
    .describe(
      'How a weights-int8 layer (int8 weights, float activations) stores its weight. cast-mul: Cast + Mul by the scales, which ONNX Runtime folds into a float weight when the session loads (fp32 speed, int8 file). dequantize-linear: DequantizeLinear, the QDQ weight-only form other runtimes recognise, which ONNX Runtime re-runs on every inference.',
    ),
  format: z
    .enum(['qdq', 'qoperator'])
    .default('qdq')
    .describe(
      'Static mode: how int8 layers are written. qdq: QuantizeLinear/DequantizeLinear around float Conv/MatMul/Gemm, which runtimes fuse at load time (ONNX Runtime into QLinearConv/QLinearMatMul/QGemm). qoperator: QLinearConv and QLinearMatMul written directly, activations kept in 8 bits between consecutive int8 layers, QuantizeLinear/DequantizeLinear only where a float operator reads or produces a value; smaller and quicker to load, for runtimes that implement the ONNX QOperator set. ConvTranspose, Gemm and layers with asymmetric weights stay QDQ.',
    ),
  compactNames: z
    .boolean()
    .default(false)
    .describe('Give every node, intermediate value and initializer a short name at the end (graph inputs and outputs keep theirs). Saves bytes that matter on small models (about 4 % of the PP-OCR classifier once int8), at the cost of readable names.'),
  latencyAware: z
    .boolean()
    .default(false)
    .describe(
      'Profile the model in ONNX Runtime before and after; every layer whose int8 form (with its share of QuantizeLinear/DequantizeLinear) is not faster than its fp32 form keeps float activations and int8 weights (weights-int8).',
    ),
  profileRuns: z.number().int().min(1).max(1000).default(10).describe('Timed runs per profile (latency-aware mode).'),
});

export type QuantizeInt8Params = z.output<typeof quantizeInt8Params>;
export type MixedPrecisionParams = z.output<typeof mixedPrecisionParams>;
