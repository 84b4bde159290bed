/**
 * The view of a hardware target that a plugin receives as `ctx.target`: what it needs to choose
 * a scheme (precisions, quantization constraints, sparsity support, memory), derived by the host
 * from the full catalog entry.
 */

export type TargetKind = 'cpu' | 'gpu' | 'npu' | 'mcu';
export type Precision = 'fp32' | 'fp16' | 'bf16' | 'int8' | 'int4' | 'binary';

export interface TargetQuantizationRequirements {
  /** Only one scale per tensor (e.g. Edge TPU): per-channel schemes are not allowed. */
  perTensorOnly: boolean;
  /** 7-bit weights, because u8 x s8 products saturate 16-bit intermediates (AVX2 without VNNI). */
  reduceRange: boolean;
  /** All shapes must be static. */
  staticShapes: boolean;
  /** Weights must be symmetric (zero point 0). */
  symmetricWeights: boolean;
  /** Precisions the target accelerates. */
  allowedPrecisions: readonly Precision[];
}

export interface TargetSparsitySupport {
  /** N:M patterns accelerated by the hardware, e.g. [{ n: 2, m: 4 }]. */
  structured: ReadonlyArray<{ readonly n: number; readonly m: number }>;
  /** Whether unstructured sparsity is accelerated (otherwise it only saves storage). */
  unstructured: boolean;
}

export interface PluginTarget {
  readonly id: string;
  readonly name: string;
  readonly kind: TargetKind;
  readonly vendor: string;
  readonly precisions: readonly Precision[];
  readonly quantization: TargetQuantizationRequirements;
  readonly sparsity: TargetSparsitySupport;
  /** Bytes of RAM (working memory) and, for MCUs, flash. */
  readonly memory: { readonly ramBytes: number; readonly flashBytes?: number };
  /** Operators the target can run (op types of the default domain); null when it runs any. */
  readonly supportedOps: readonly string[] | null;
  /** ISA or hardware features, e.g. 'neon', 'dotprod', 'avx2', 'avx512-vnni', 'cmsis-nn'. */
  readonly features: readonly string[];
}

export type SupportDecision = { readonly supported: true } | { readonly supported: false; readonly reason: string };
