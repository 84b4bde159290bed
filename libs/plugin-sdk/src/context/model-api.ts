import type { DataTypeName, TensorHandle } from '../tensor';

/** An attribute value as a plugin sees it; tensors are handles, subgraphs are not exposed in v1. */
export type AttributeValue =
  | { readonly type: 'int'; readonly value: number }
  | { readonly type: 'float'; readonly value: number }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'ints'; readonly value: readonly number[] }
  | { readonly type: 'floats'; readonly value: readonly number[] }
  | { readonly type: 'strings'; readonly value: readonly string[] }
  | { readonly type: 'tensor'; readonly value: TensorHandle }
  | { readonly type: 'graph' }
  | { readonly type: 'graphs' };

/** What may be written to an attribute. */
export type AttributeInput =
  | number
  | string
  | readonly number[]
  | readonly string[]
  | { readonly type: 'int' | 'float'; readonly value: number }
  | { readonly type: 'ints' | 'floats'; readonly value: readonly number[] }
  | { readonly type: 'tensor'; readonly value: TensorHandle };

export interface NodeView {
  readonly name: string;
  readonly opType: string;
  /** '' for the default ONNX domain. */
  readonly domain: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

export type WeightLocation = 'initializer' | 'constant' | 'sparse-initializer';

export interface WeightView {
  readonly name: string;
  readonly dataType: DataTypeName;
  readonly dims: readonly number[];
  readonly location: WeightLocation;
  /** Handle to the weight's current values. */
  readonly tensor: TensorHandle;
}

export interface ValueView {
  readonly name: string;
  readonly dataType: DataTypeName | null;
  /** Dimensions: numbers when known, symbolic names as strings, null when unknown. */
  readonly shape: ReadonlyArray<number | string | null> | null;
}

/** A snapshot of the main graph, taken in one call. Nodes are in topological order. */
export interface GraphView {
  readonly nodes: readonly NodeView[];
  readonly inputs: readonly ValueView[];
  readonly outputs: readonly ValueView[];
  readonly weights: readonly WeightView[];
  /** Shapes known for intermediate values (value_info and inferred shapes). */
  readonly values: readonly ValueView[];
  /** Opset per domain ('' is the default ONNX domain). */
  readonly opsets: Readonly<Record<string, number>>;
}

export interface NodeSpec {
  readonly opType: string;
  readonly domain?: string;
  /** A name; made unique when it collides. Defaults to a generated name. */
  readonly name?: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes?: Readonly<Record<string, AttributeInput>>;
  /** Insert before this node in the node list (topological order is restored on write anyway). */
  readonly before?: string;
}

export interface SetWeightOptions {
  /** Where the weight is stored. Defaults to where it already is, or an initializer for a new one. */
  readonly location?: 'initializer' | 'sparse-initializer';
}

export interface ModelApi {
  graph(): Promise<GraphView>;
  addNode(spec: NodeSpec): Promise<string>;
  removeNodes(names: readonly string[]): Promise<void>;
  setAttributes(node: string, attributes: Readonly<Record<string, AttributeInput | null>>): Promise<void>;
  setNodeInputs(node: string, inputs: readonly string[]): Promise<void>;
  setNodeOutputs(node: string, outputs: readonly string[]): Promise<void>;
  /** Replaces a weight (keeping where it lives unless told) or adds a new initializer. */
  setWeight(name: string, tensor: TensorHandle, options?: SetWeightOptions): Promise<void>;
  removeWeights(names: readonly string[]): Promise<void>;
  /** Makes every consumer of `from` (in subgraphs too, and graph outputs) read `to`; returns the count. */
  replaceUses(from: string, to: string, options?: { readonly exceptNodes?: readonly string[] }): Promise<number>;
  /** A value or node name not used anywhere in the model, starting with `prefix`. */
  uniqueName(prefix: string): Promise<string>;
  /** Raises a domain's opset to at least `version` (converting what the raise requires). */
  ensureOpset(domain: string, version: number): Promise<void>;
  /** Records the element type and shape of a value (value_info). */
  setValueInfo(name: string, dataType: DataTypeName, shape: ReadonlyArray<number | string | null> | null): Promise<void>;
  /** Removes nodes whose outputs are unused and weights nobody reads. */
  removeUnused(): Promise<{ nodes: number; weights: number }>;
  /** Structural check: dangling inputs, cycles, duplicate names. Throws INVALID_MODEL. */
  check(): Promise<void>;
  /** Saves the current model so that a trial edit can be undone with `restore`. */
  snapshot(): Promise<string>;
  restore(snapshot: string): Promise<void>;
}
