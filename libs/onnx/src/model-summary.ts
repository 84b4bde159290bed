/**
 * What libs/onnx reports about a model, and what libs/targets consumes to answer compatibility and
 * latency/energy questions. This is a contract between packages: extend it, do not break it.
 */

/** ONNX element type names as in TensorProto.DataType, lower-case (`float`, `int8`, `float16`, ...). */
export type ElementTypeName = string;

/** A dimension: a number when known, the symbolic name when symbolic, null when unknown. */
export type Dim = number | string | null;

export interface ValueSummary {
  name: string;
  elemType: ElementTypeName;
  shape: Dim[] | null;
}

/** Arithmetic precision a layer runs at, derived from its weights and quantization nodes. */
export type LayerPrecision = 'fp32' | 'fp16' | 'bf16' | 'int8' | 'int4' | 'binary' | 'other';

export interface LayerCost {
  /** Node name (a unique synthesized name when the node has none). */
  node: string;
  opType: string;
  domain: string;
  /** Multiply-accumulates for one inference; null when shapes are not known. */
  macs: number | null;
  /** Weight parameters this layer reads (initializers and Constant-node weights). */
  weightParams: number;
  /** Bytes of those weights as stored. */
  weightBytes: number;
  /** Bytes of input and output activations; null when shapes are not known. */
  activationBytes: number | null;
  precision: LayerPrecision;
}

export interface ModelSummary {
  irVersion: number;
  producer: string;
  /** Opset version per domain ('' is the default ONNX domain). */
  opsets: Record<string, number>;
  /** Operator histogram keyed by op type, with the domain prefixed when not default (`com.microsoft.MatMulNBits`). */
  ops: Record<string, number>;
  /** Operator histogram by domain, then op type. */
  opsByDomain: Record<string, Record<string, number>>;
  /** Weight parameters: initializers, sparse initializers and Constant-node tensors, in every subgraph. */
  parameters: number;
  /** Non-zero weight parameters. */
  nonZeroParameters: number;
  weightBytes: number;
  weightBytesByType: Record<ElementTypeName, number>;
  parametersByType: Record<ElementTypeName, number>;
  inputs: ValueSummary[];
  outputs: ValueSummary[];
  /** Total MACs of Conv/Gemm/MatMul-like layers whose shapes are known. */
  macs: number;
  /** False when at least one MAC-bearing layer had unknown shapes. */
  macsComplete: boolean;
  /** Largest sum of live activation bytes at any point of a topological schedule; null when unknown. */
  peakActivationBytes: number | null;
  /** True when any graph input has a symbolic or unknown dimension. */
  dynamicShapes: boolean;
  layers: LayerCost[];
}
