/**
 * ModelSummary fixtures built by hand, so that the tests of compatibility and the estimate state
 * every MAC and byte they depend on, independently of the ONNX parser.
 */
import type { LayerCost, LayerPrecision, ModelSummary, ValueSummary } from '@edgepress/onnx';

let counter = 0;

export function layer(opType: string, fields: Partial<Omit<LayerCost, 'opType'>> = {}): LayerCost {
  counter += 1;
  return {
    node: `${opType.toLowerCase()}_${counter}`,
    opType,
    domain: '',
    macs: 0,
    weightParams: 0,
    weightBytes: 0,
    activationBytes: 0,
    precision: 'fp32',
    ...fields,
  };
}

/** A layer of `macs` MACs with `weightBytes` of weights at `precision` (params derived from the precision's width). */
export function computeLayer(
  opType: string,
  macs: number | null,
  weightBytes: number,
  activationBytes: number | null,
  precision: LayerPrecision = 'fp32',
): LayerCost {
  const bitsPerParam: Record<LayerPrecision, number> = { fp32: 32, fp16: 16, bf16: 16, int8: 8, int4: 4, binary: 1, other: 32 };
  return layer(opType, {
    macs,
    weightBytes,
    weightParams: Math.round((weightBytes * 8) / bitsPerParam[precision]),
    activationBytes,
    precision,
  });
}

export const imageInput: ValueSummary = { name: 'image', elemType: 'float', shape: [1, 3, 224, 224] };
export const dynamicImageInput: ValueSummary = { name: 'image', elemType: 'float', shape: ['batch', 3, 224, 224] };
export const logitsOutput: ValueSummary = { name: 'logits', elemType: 'float', shape: [1, 1000] };

export function summaryOf(layers: LayerCost[], overrides: Partial<ModelSummary> = {}): ModelSummary {
  const ops: Record<string, number> = {};
  for (const entry of layers) ops[entry.opType] = (ops[entry.opType] ?? 0) + 1;
  const weightBytes = layers.reduce((sum, entry) => sum + entry.weightBytes, 0);
  const parameters = layers.reduce((sum, entry) => sum + entry.weightParams, 0);
  const knownActivations = layers.map((entry) => entry.activationBytes);
  const macs = layers.reduce((sum, entry) => sum + (entry.macs ?? 0), 0);
  const inputs = overrides.inputs ?? [imageInput];
  return {
    irVersion: 8,
    producer: 'edgepress-test',
    opsets: { '': 17 },
    ops,
    opsByDomain: { '': { ...ops } },
    parameters,
    nonZeroParameters: parameters,
    weightBytes,
    weightBytesByType: {},
    parametersByType: {},
    inputs,
    outputs: [logitsOutput],
    macs,
    macsComplete: layers.every((entry) => entry.macs !== null),
    peakActivationBytes: knownActivations.includes(null) ? null : Math.max(0, ...(knownActivations as number[])),
    dynamicShapes: inputs.some((input) => input.shape === null || input.shape.some((dim) => typeof dim !== 'number')),
    layers,
    ...overrides,
  };
}
