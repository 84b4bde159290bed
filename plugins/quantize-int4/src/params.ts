import { z } from '@edgepress/plugin-sdk';

export const quantizeInt4Params = z.object({
  format: z
    .enum(['matmulnbits', 'dequantize-linear'])
    .default('matmulnbits')
    .describe(
      'matmulnbits: com.microsoft MatMulNBits (ONNX Runtime contrib op, packed 4-bit B). dequantize-linear: opset-21 int4/uint4 block-wise DequantizeLinear + MatMul (standard ONNX; the model opset is raised to 21).',
    ),
  blockSize: z.literal([16, 32, 64, 128, 256]).default(32).describe('Weights per block along K sharing one scale (and zero point).'),
  symmetric: z.boolean().default(false).describe('Symmetric blocks (zero point 8, not stored) instead of a zero point per block.'),
  rounding: z
    .enum(['nearest', 'gptq'])
    .default('nearest')
    .describe('nearest: round to nearest (the kernel). gptq: error-compensating rounding driven by calibration activations (needs calibration data).'),
  dampening: z
    .number()
    .min(0)
    .max(1)
    .default(0.1)
    .describe(
      'GPTQ: fraction of the mean diagonal of H = 2 X^T X added to its diagonal. Calibration sets of a few hundred rows estimate H roughly; 0.1 generalized better than the paper\'s 0.01 on the PP-OCRv4 recognizer.',
    ),
  calibrationBatches: z.number().int().min(1).max(4096).default(32).describe('GPTQ: calibration batches used to estimate H.'),
  accuracyLevel: z
    .literal([0, 1, 2, 3, 4])
    .default(0)
    .describe('MatMulNBits accuracy_level: 0 computes in fp32 (exact); 4 quantizes A to int8 on the fly (faster, about 1e-2 drift).'),
  include: z.array(z.string()).max(10000).default([]).describe('MatMul node names to quantize (empty: every eligible MatMul).'),
  exclude: z.array(z.string()).max(10000).default([]).describe('MatMul node names to keep in fp32.'),
});

export type QuantizeInt4Params = z.output<typeof quantizeInt4Params>;
