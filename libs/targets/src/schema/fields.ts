/**
 * Field schemas shared by every kind of hardware target. Each carries the message a team sees when
 * its own target definition is wrong, so those messages say what was expected.
 */
import { z } from 'zod';

/** Arithmetic precisions a target can accelerate, the same names as `LayerPrecision` of libs/onnx. */
export const PRECISIONS = ['fp32', 'fp16', 'bf16', 'int8', 'int4', 'binary'] as const;
export type Precision = (typeof PRECISIONS)[number];
export const FLOAT_PRECISIONS: readonly Precision[] = ['fp32', 'fp16', 'bf16'];

export const precisionSchema = z.enum(PRECISIONS, {
  error: `expected one of ${PRECISIONS.join(', ')}`,
});

export const TARGET_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const targetIdSchema = z
  .string({ error: 'expected a kebab-case id string' })
  .min(2, 'expected a kebab-case id of at least 2 characters')
  .max(64, 'expected a kebab-case id of at most 64 characters')
  .regex(TARGET_ID_PATTERN, 'expected a kebab-case id (lower-case letters and digits separated by single dashes)');

export function text(maxLength: number) {
  return z
    .string({ error: 'expected a string' })
    .trim()
    .min(1, 'expected a non-empty string')
    .max(maxLength, `expected at most ${maxLength} characters`);
}

/** A count of bytes: a whole number, positive, small enough to stay exact in a double. */
export const bytesSchema = z
  .number({ error: 'expected a number of bytes' })
  .int('expected a whole number of bytes')
  .positive('expected a positive number of bytes')
  .max(Number.MAX_SAFE_INTEGER, 'expected at most 2^53 - 1 bytes');

/** A rate per second (bytes/s, MAC/s, Hz). 1e18 is far above any edge device and keeps sums finite. */
export const perSecondSchema = z
  .number({ error: 'expected a rate per second' })
  .positive('expected a positive rate per second')
  .max(1e18, 'expected a rate of at most 1e18 per second');

export const wattsSchema = z
  .number({ error: 'expected watts' })
  .nonnegative('expected watts >= 0')
  .max(100_000, 'expected at most 100000 W');

export const fractionSchema = z
  .number({ error: 'expected a fraction' })
  .gt(0, 'expected a fraction in (0, 1]')
  .max(1, 'expected a fraction in (0, 1]');

export function countSchema(min: number, max: number) {
  return z
    .number({ error: 'expected a whole number' })
    .int('expected a whole number')
    .min(min, `expected a whole number >= ${min}`)
    .max(max, `expected a whole number <= ${max}`);
}

/** ONNX op types as the model summary names them: `Conv`, or `com.microsoft.MatMulNBits` outside the default domain. */
export const opTypeSchema = z
  .string({ error: 'expected an ONNX op type string' })
  .regex(/^[A-Za-z_][A-Za-z0-9_.]{0,99}$/, 'expected an ONNX op type such as "Conv" or "com.microsoft.MatMulNBits"');

/** A list whose entries must be distinct, capped in length. */
export function uniqueList<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max, `expected at most ${max} entries`)
    .refine((values) => new Set(values).size === values.length, 'expected distinct entries');
}

export const sourceSchema = z.strictObject({
  /** Spec-sheet or document title, with the section or table when that helps a reader find the figure. */
  title: text(300),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).max(500).optional(),
});

export const memorySchema = z.strictObject({
  /**
   * Bytes of working memory that the model's weights and activations share at run time: DRAM or
   * unified memory for CPUs, GPUs and NPUs; for an MCU its internal SRAM (flash is separate).
   */
  ramBytes: bytesSchema,
  /** Theoretical peak bandwidth of that memory (bytes/s); the estimate applies an efficiency factor. */
  bandwidthBytesPerSecond: perSecondSchema,
});

export const powerSchema = z
  .strictObject({
    /** Typical power while running inference (W), for the whole device or module named by the target. */
    activeWatts: wattsSchema.refine((watts) => watts > 0, 'expected active power > 0 W'),
    /** Power when idle (W). */
    idleWatts: wattsSchema,
  })
  .refine((power) => power.idleWatts <= power.activeWatts, {
    message: 'expected idleWatts <= activeWatts',
    path: ['idleWatts'],
  });

export const structuredSparsitySchema = z
  .strictObject({
    /** N non-zeros in every group of M weights (2:4 on Ampere tensor cores). */
    n: countSchema(1, 64),
    m: countSchema(2, 64),
    /** Speed-up of the math of a layer that follows the pattern, as the vendor states it. */
    speedup: z.number({ error: 'expected a speed-up factor' }).min(1, 'expected a speed-up >= 1').max(64, 'expected a speed-up <= 64'),
    precisions: uniqueList(precisionSchema, 6).refine((list) => list.length > 0, 'expected at least one precision'),
  })
  .refine((pattern) => pattern.n < pattern.m, { message: 'expected n < m', path: ['n'] });

export const sparsitySchema = z.strictObject({
  /** N:M patterns the hardware accelerates; empty when none. */
  structured: z.array(structuredSparsitySchema).max(8, 'expected at most 8 patterns'),
  /** Unstructured sparsity the runtime turns into speed; null when it only saves storage. */
  unstructured: z
    .strictObject({
      /** Speed-up at or above `minSparsity`. */
      speedup: z.number({ error: 'expected a speed-up factor' }).min(1, 'expected a speed-up >= 1').max(64, 'expected a speed-up <= 64'),
      minSparsity: fractionSchema,
    })
    .nullable(),
});

export const quantizationConstraintsSchema = z.strictObject({
  /** One scale per tensor only: per-channel weight scales are not supported. */
  perTensorOnly: z.boolean({ error: 'expected true or false' }),
  /** Weight zero points must be 0 (symmetric), as in the TFLite int8 spec used by CMSIS-NN and ESP-NN. */
  symmetricWeights: z.boolean({ error: 'expected true or false' }),
});

export const fallbackSchema = z.strictObject({
  /** MAC/s of the path that runs a layer whose precision the target does not accelerate. */
  macsPerSecond: perSecondSchema,
  /** Which path that is, e.g. "host CPU (TFLite on Cortex-A53)" or "scalar C reference kernels". */
  description: text(300),
});

export const rooflineEfficiencySchema = z.strictObject({
  /** Fraction of peak MAC/s reached by real kernels. */
  compute: fractionSchema,
  /** Fraction of peak bandwidth reached by real kernels. */
  memory: fractionSchema,
});
