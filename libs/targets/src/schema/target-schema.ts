/**
 * The schema of a hardware target: fields shared by every kind, and the fields of CPU, GPU, NPU and
 * MCU targets. TypeScript types are inferred from these schemas, so the two cannot drift.
 *
 * Threat model: team-defined targets arrive through the GraphQL API (trust boundary 1) and feed the
 * compatibility report and the estimate. Objects are strict (an unknown or misspelt key is an error,
 * never silently dropped), numbers are finite and bounded (a NaN or Infinity would poison every
 * estimate), strings and lists are length-capped, and record keys are closed enums (no `__proto__`).
 * Tests: define-target.test.ts.
 */
import { z } from 'zod';
import {
  bytesSchema,
  countSchema,
  fallbackSchema,
  memorySchema,
  opTypeSchema,
  perSecondSchema,
  powerSchema,
  PRECISIONS,
  type Precision,
  precisionSchema,
  quantizationConstraintsSchema,
  rooflineEfficiencySchema,
  sourceSchema,
  sparsitySchema,
  targetIdSchema,
  text,
  uniqueList,
} from './fields';

export const TARGET_KINDS = ['cpu', 'gpu', 'npu', 'mcu'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const ARM_ISA_FEATURES = ['neon', 'fp16-arith', 'dotprod', 'i8mm', 'bf16', 'sve', 'sve2'] as const;
export const X86_ISA_FEATURES = [
  'sse4.1',
  'avx',
  'avx2',
  'fma',
  'avx512f',
  'avx512bw',
  'avx512-vnni',
  'avx-vnni',
  'avx512-bf16',
  'amx-int8',
  'amx-bf16',
] as const;
export const CPU_ISA_FEATURES = [...ARM_ISA_FEATURES, ...X86_ISA_FEATURES] as const;
export type CpuIsaFeature = (typeof CPU_ISA_FEATURES)[number];

export const MCU_ISA_FEATURES = ['dsp', 'helium', 'xtensa-pie'] as const;
export type McuIsaFeature = (typeof MCU_ISA_FEATURES)[number];

const baseShape = {
  /** Stable kebab-case id: `raspberry-pi-4`. Catalog ids never change once published. */
  id: targetIdSchema,
  name: text(120),
  vendor: text(120),
  description: text(1000),
  /** Precisions the hardware accelerates; each has a peak in `peakMacsPerSecond`. */
  precisions: uniqueList(precisionSchema, 6).refine((list) => list.length > 0, 'expected at least one precision'),
  /**
   * Peak multiply-accumulates per second for each accelerated precision (one MAC = one multiply and
   * one add = 2 "ops" in vendor TOPS/TFLOPS figures). Always MAC/s, never ops/s.
   */
  peakMacsPerSecond: z.strictObject(
    Object.fromEntries(PRECISIONS.map((precision) => [precision, perSecondSchema.optional()])) as Record<Precision, z.ZodOptional<typeof perSecondSchema>>,
  ),
  memory: memorySchema,
  sparsity: sparsitySchema,
  power: powerSchema,
  /** How a layer at a precision the hardware does not accelerate runs (emulation, host CPU). */
  fallback: fallbackSchema,
  quantization: quantizationConstraintsSchema.default({ perTensorOnly: false, symmetricWeights: false }),
  /** Overrides the estimate's efficiency factors of this target's kind. */
  rooflineEfficiency: rooflineEfficiencySchema.optional(),
  runtimeNotes: z.array(text(500)).max(50, 'expected at most 50 notes').default([]),
  /** Where the figures come from: spec sheets, reference manuals, vendor documentation. */
  sources: z.array(sourceSchema).min(1, 'expected at least one source for the figures').max(50, 'expected at most 50 sources'),
};

interface PeakFields {
  precisions: readonly string[];
  peakMacsPerSecond: Partial<Record<string, number>>;
}

/** Every accelerated precision has a peak, and no peak is given for a precision not accelerated. */
function checkPeaks(target: PeakFields, ctx: z.core.$RefinementCtx<PeakFields>): void {
  for (const precision of target.precisions) {
    if (target.peakMacsPerSecond[precision] === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['peakMacsPerSecond', precision],
        message: `expected a peak MAC/s for ${precision}, which is listed in precisions`,
      });
    }
  }
  for (const precision of Object.keys(target.peakMacsPerSecond)) {
    if (!target.precisions.includes(precision)) {
      ctx.addIssue({
        code: 'custom',
        path: ['peakMacsPerSecond', precision],
        message: `expected ${precision} in precisions since it has a peak (or remove the peak)`,
      });
    }
  }
}

export const cpuTargetSchema = z
  .strictObject({
    ...baseShape,
    kind: z.literal('cpu'),
    architecture: z.enum(['arm64', 'x86_64', 'armv7'], { error: 'expected one of arm64, x86_64, armv7' }),
    /** Cores the figures count (a phone target may count only its prime core). */
    cores: countSchema(1, 1024),
    clockHz: perSecondSchema,
    isaFeatures: uniqueList(z.enum(CPU_ISA_FEATURES, { error: `expected one of ${CPU_ISA_FEATURES.join(', ')}` }), 32),
  })
  .superRefine((target, ctx) => {
    checkPeaks(target, ctx as z.core.$RefinementCtx<PeakFields>);
    const allowed: readonly string[] = target.architecture === 'x86_64' ? X86_ISA_FEATURES : ARM_ISA_FEATURES;
    target.isaFeatures.forEach((feature, index) => {
      if (!allowed.includes(feature)) {
        ctx.addIssue({
          code: 'custom',
          path: ['isaFeatures', index],
          message: `expected a ${target.architecture} feature (${allowed.join(', ')}), received ${feature}`,
        });
      }
    });
  });

export const gpuTargetSchema = z
  .strictObject({
    ...baseShape,
    kind: z.literal('gpu'),
    /** CUDA compute capability (`8.7` for Orin), or the vendor's equivalent version. */
    computeCapability: z.string({ error: 'expected a version string' }).regex(/^\d{1,2}\.\d{1,2}$/, 'expected a version such as "8.7"'),
    /** Shader (CUDA) cores. */
    cores: countSchema(1, 1_000_000),
    tensorCores: countSchema(0, 100_000),
    /** Tensor cores that skip the zeros of a 2:4 pattern. */
    sparseTensorCores: z.boolean({ error: 'expected true or false' }),
    clockHz: perSecondSchema,
  })
  .superRefine((target, ctx) => {
    checkPeaks(target, ctx as z.core.$RefinementCtx<PeakFields>);
    if (target.sparseTensorCores && target.tensorCores === 0) {
      ctx.addIssue({ code: 'custom', path: ['sparseTensorCores'], message: 'expected tensorCores > 0 when sparseTensorCores is true' });
    }
    if (target.sparseTensorCores && target.sparsity.structured.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['sparsity', 'structured'],
        message: 'expected the N:M pattern the sparse tensor cores accelerate (e.g. 2:4)',
      });
    }
  });

export const npuTargetSchema = z
  .strictObject({
    ...baseShape,
    kind: z.literal('npu'),
    /** Every tensor shape must be known when the model is compiled. */
    staticShapesRequired: z.boolean({ error: 'expected true or false' }),
    /** ONNX op types the NPU runs (the mapping of its own op list onto ONNX). */
    supportedOps: uniqueList(opTypeSchema, 2000),
    /** What happens to an operator outside `supportedOps`: it runs on the host CPU, or compilation fails. */
    unsupportedOps: z.enum(['host-fallback', 'reject'], { error: 'expected host-fallback or reject' }),
    /** Largest tensor rank, counting only dimensions larger than 1; null when unlimited. */
    maxTensorRank: countSchema(1, 16).nullable(),
    /** When fp32 is not accelerated, the precision the compiler converts fp32 layers to (ANE: fp16). */
    fp32ExecutedAs: precisionSchema.nullable(),
    /** Weights beyond `memory.ramBytes` (on-chip) stream from the host over this link every inference. */
    offChipWeightStreaming: z
      .strictObject({ link: text(120), bandwidthBytesPerSecond: perSecondSchema })
      .nullable(),
  })
  .superRefine((target, ctx) => {
    checkPeaks(target, ctx as z.core.$RefinementCtx<PeakFields>);
    if (target.fp32ExecutedAs !== null && !target.precisions.includes(target.fp32ExecutedAs)) {
      ctx.addIssue({
        code: 'custom',
        path: ['fp32ExecutedAs'],
        message: `expected a precision listed in precisions, received ${target.fp32ExecutedAs}`,
      });
    }
  });

export const mcuTargetSchema = z
  .strictObject({
    ...baseShape,
    kind: z.literal('mcu'),
    /** CPU core, e.g. `cortex-m7`, `xtensa-lx7`. */
    core: text(60),
    clockHz: perSecondSchema,
    /** Weights live in flash and are read from it in place (execute-in-place). */
    flash: z.strictObject({ bytes: bytesSchema, readBandwidthBytesPerSecond: perSecondSchema }),
    /** External RAM (PSRAM/SDRAM) usable for activations, slower than SRAM; null when absent. */
    externalRam: z.strictObject({ bytes: bytesSchema, bandwidthBytesPerSecond: perSecondSchema }).nullable(),
    /** Largest contiguous SRAM block: a TFLM tensor arena must fit in one block. */
    largestContiguousSramBytes: bytesSchema,
    fpu: z.enum(['none', 'sp', 'dp'], { error: 'expected none, sp or dp' }),
    isaFeatures: uniqueList(z.enum(MCU_ISA_FEATURES, { error: `expected one of ${MCU_ISA_FEATURES.join(', ')}` }), 8),
    kernels: z.strictObject({
      /** The inference library, e.g. `TFLite Micro + CMSIS-NN`. */
      library: text(120),
      /** ONNX op types that have a kernel at all. */
      supportedOps: uniqueList(opTypeSchema, 2000),
      /** The subset with an optimized (SIMD) kernel; the rest run reference C code. */
      optimizedOps: uniqueList(opTypeSchema, 2000),
    }),
    /** TFLite Micro plans a static arena: every shape must be known ahead of time. */
    staticShapesRequired: z.boolean({ error: 'expected true or false' }).default(true),
  })
  .superRefine((target, ctx) => {
    checkPeaks(target, ctx as z.core.$RefinementCtx<PeakFields>);
    if (target.largestContiguousSramBytes > target.memory.ramBytes) {
      ctx.addIssue({
        code: 'custom',
        path: ['largestContiguousSramBytes'],
        message: `expected at most memory.ramBytes (${target.memory.ramBytes})`,
      });
    }
    target.kernels.optimizedOps.forEach((op, index) => {
      if (!target.kernels.supportedOps.includes(op)) {
        ctx.addIssue({ code: 'custom', path: ['kernels', 'optimizedOps', index], message: `expected ${op} in kernels.supportedOps as well` });
      }
    });
  });

export const hardwareTargetSchema = z.discriminatedUnion('kind', [cpuTargetSchema, gpuTargetSchema, npuTargetSchema, mcuTargetSchema], {
  error: `expected kind to be one of ${TARGET_KINDS.join(', ')}`,
});

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

export type CpuTarget = DeepReadonly<z.output<typeof cpuTargetSchema>>;
export type GpuTarget = DeepReadonly<z.output<typeof gpuTargetSchema>>;
export type NpuTarget = DeepReadonly<z.output<typeof npuTargetSchema>>;
export type McuTarget = DeepReadonly<z.output<typeof mcuTargetSchema>>;
/** A validated, frozen hardware target. */
export type HardwareTarget = CpuTarget | GpuTarget | NpuTarget | McuTarget;
/** What `defineTarget` accepts: defaults (quantization, runtimeNotes, MCU staticShapesRequired) may be left out. */
export type TargetDefinition = z.input<typeof hardwareTargetSchema>;
export type SparsitySupport = HardwareTarget['sparsity'];
export type TargetSource = HardwareTarget['sources'][number];
