/**
 * Latency-aware fallback: a layer stays int8 only if ONNX Runtime on this machine runs its int8
 * form (the fused QLinearConv/QLinearMatMul plus its share of QuantizeLinear/DequantizeLinear)
 * faster than its fp32 form, both measured with ctx.runtime.profile. Small layers are often
 * slower in int8 (on the PP-OCR classifier, 5x5 depthwise QLinearConv took 6x the time of the fp32
 * NCHWc Conv), so this is measured per layer rather than assumed.
 */
import type { GraphView, NodeView } from '@edgepress/plugin-sdk';
import { GraphIndex, isOnnxOp } from '@edgepress/plugin-sdk/toolkit';
import { compareLatency, type AttributionUnit, type LatencyComparison } from './latency-attribution';
import type { StaticPlan, WrittenPlan } from './qdq-writer';
import type { StaticArtifacts } from './static-artifacts';

/** Tensors each int8 layer or unit of the plan quantizes (its input and output points). */
function touchedTensors(artifacts: StaticArtifacts, plan: StaticPlan): Map<string, string[]> {
  const touched = new Map<string, string[]>();
  for (const [name, level] of plan.layers) {
    if (level !== 'int8') continue;
    const layer = artifacts.layers.get(name)?.layer;
    if (layer !== undefined) touched.set(name, [layer.input, layer.output]);
  }
  for (const unit of artifacts.units) if (plan.units.has(unit.name)) touched.set(unit.name, [...unit.inputs, ...unit.outputs]);
  return touched;
}

/** Activations ONNX Runtime fuses into a float Conv/Gemm (and the bias Add of a MatMul). */
const EPILOGUES = ['Relu', 'Clip', 'HardSigmoid', 'Sigmoid', 'LeakyRelu', 'Tanh', 'HardSwish', 'Add'];

/** The nodes that follow a layer alone and that ONNX Runtime may fuse with it: their names and outputs. */
function epilogueKeys(index: GraphIndex, node: NodeView): string[] {
  const keys: string[] = [];
  let output = node.outputs[0];
  for (let depth = 0; depth < 2; depth++) {
    const next = index.soleConsumer(output)?.node;
    if (next === undefined || !isOnnxOp(next, ...EPILOGUES) || (isOnnxOp(next, 'Add') && !next.inputs.some((input) => index.isWeight(input)))) break;
    keys.push(next.name, next.outputs[0]);
    output = next.outputs[0];
  }
  return keys;
}

export function attributionUnits(view: GraphView, artifacts: StaticArtifacts, plan: StaticPlan, written: WrittenPlan): AttributionUnit[] {
  const index = new GraphIndex(view);
  const touched = touchedTensors(artifacts, plan);
  const users = new Map<string, number>();
  for (const tensors of touched.values()) for (const tensor of new Set(tensors)) users.set(tensor, (users.get(tensor) ?? 0) + 1);
  const units: AttributionUnit[] = [];
  for (const [name, tensors] of touched) {
    const node = index.node(name);
    // A fused activation is timed with the float layer; in the int8 model it is dropped (Relu,
    // Clip) or runs on its own (HardSigmoid), and is timed there too.
    const epilogue = node === undefined ? [] : epilogueKeys(index, node);
    const floatKeys = [name, ...(node?.outputs.slice(0, 1) ?? []), ...epilogue];
    const shared: Array<{ key: string; share: number }> = [];
    for (const tensor of new Set(tensors)) {
      const share = 1 / (users.get(tensor) ?? 1);
      for (const key of written.activationNodes.get(tensor) ?? []) shared.push({ key, share });
    }
    units.push({ name, floatKeys, quantKeys: [name, ...(written.layerNodes.get(name) ?? []), ...epilogue], shared });
  }
  return units;
}

export interface LatencyDecisions {
  readonly comparisons: readonly LatencyComparison[];
  /** int8 layers/units that were not faster and go back to fp32. */
  readonly slower: readonly string[];
  /** Units no profiled node could be attributed to (kept as planned). */
  readonly unmeasured: readonly string[];
}

export function decideByLatency(floatNodes: Readonly<Record<string, number>>, quantNodes: Readonly<Record<string, number>>, units: readonly AttributionUnit[]): LatencyDecisions {
  const comparisons = compareLatency(floatNodes, quantNodes, units);
  return {
    comparisons,
    slower: comparisons.filter((entry) => entry.measured && entry.int8Ms >= entry.fp32Ms).map((entry) => entry.name),
    unmeasured: comparisons.filter((entry) => !entry.measured).map((entry) => entry.name),
  };
}
