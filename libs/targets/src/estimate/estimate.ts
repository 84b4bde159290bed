import type { LayerCost, LayerPrecision, ModelSummary } from '@edgepress/onnx';
import { resolveExecutionPath, type ExecutionPath } from '../execution-path';
import { ALWAYS_FOLDED_OPS } from '../folded-ops';
import { formatBytes } from '../format';
import { assertModelSummary } from '../model-summary-guard';
import type { Precision } from '../schema/fields';
import type { HardwareTarget } from '../schema/target-schema';
import { rooflineEfficiencyOf, type RooflineEfficiency } from './roofline-efficiency';

export interface LayerEstimate {
  readonly node: string;
  readonly opType: string;
  readonly precision: LayerPrecision;
  /** The accelerated precision it runs at; null on the fallback path. */
  readonly executedAs: Precision | null;
  readonly path: ExecutionPath['kind'];
  readonly macs: number;
  /** Weights as stored plus input and output activations. */
  readonly bytesMoved: number;
  readonly computeMs: number;
  readonly memoryMs: number;
  /** max(computeMs, memoryMs). */
  readonly latencyMs: number;
  readonly bound: 'compute' | 'memory';
}

export interface NotEstimatedLayer {
  readonly node: string;
  readonly opType: string;
  readonly reason: string;
}

/** A roofline estimate: a model of the hardware, never a measurement. */
export interface RooflineEstimate {
  readonly kind: 'roofline-estimate';
  readonly targetId: string;
  /** Sum of the estimated layers; a lower bound when `complete` is false. */
  readonly latencyMs: number;
  /** latencyMs x the target's active power (ms x W = mJ). */
  readonly energyMj: number;
  /** False when some layers could not be estimated (unknown shapes): see `notEstimated`. */
  readonly complete: boolean;
  readonly computeBoundLayers: number;
  readonly memoryBoundLayers: number;
  readonly perLayer: readonly LayerEstimate[];
  readonly notEstimated: readonly NotEstimatedLayer[];
  readonly efficiency: RooflineEfficiency;
  readonly assumptions: readonly string[];
}

/** Effective bandwidths (after efficiency) for weight bytes and for activation bytes. */
interface MemoryPaths {
  readonly weightBytesPerSecond: number;
  readonly activationBytesPerSecond: number;
  readonly notes: readonly string[];
}

/**
 * Roofline latency and energy per inference: each layer takes the longer of its math (MACs over the
 * peak of the precision it runs at) and its memory traffic (bytes over bandwidth), both derated by
 * the target kind's efficiency factor; layers run one after another.
 */
export function estimate(summary: ModelSummary, target: HardwareTarget): RooflineEstimate {
  assertModelSummary(summary);
  const efficiency = rooflineEfficiencyOf(target);
  const memory = memoryPathsOf(summary, target, efficiency);
  const perLayer: LayerEstimate[] = [];
  const notEstimated: NotEstimatedLayer[] = [];
  const paths = new Map<LayerPrecision, ExecutionPath>();

  for (const layer of summary.layers) {
    if (ALWAYS_FOLDED_OPS.has(layer.opType)) continue;
    if (layer.macs === null || layer.activationBytes === null) {
      const unknown = layer.macs === null ? 'MACs' : 'activation bytes';
      notEstimated.push({ node: layer.node, opType: layer.opType, reason: `${unknown} unknown: the shapes around this node are not known` });
      continue;
    }
    let path = paths.get(layer.precision);
    if (path === undefined) {
      path = resolveExecutionPath(target, layer.precision);
      paths.set(layer.precision, path);
    }
    perLayer.push(estimateLayer(layer, layer.macs, layer.activationBytes, path, efficiency, memory));
  }

  const latencyMs = perLayer.reduce((sum, layer) => sum + layer.latencyMs, 0);
  const computeBoundLayers = perLayer.filter((layer) => layer.bound === 'compute').length;
  return Object.freeze({
    kind: 'roofline-estimate',
    targetId: target.id,
    latencyMs,
    energyMj: latencyMs * target.power.activeWatts,
    complete: notEstimated.length === 0,
    computeBoundLayers,
    memoryBoundLayers: perLayer.length - computeBoundLayers,
    perLayer,
    notEstimated,
    efficiency,
    assumptions: assumptionsOf(target, efficiency, memory, paths, notEstimated.length),
  });
}

function estimateLayer(
  layer: LayerCost,
  macs: number,
  activationBytes: number,
  path: ExecutionPath,
  efficiency: RooflineEfficiency,
  memory: MemoryPaths,
): LayerEstimate {
  const computeMs = (macs / (path.macsPerSecond * efficiency.compute)) * 1000;
  const memoryMs = (layer.weightBytes / memory.weightBytesPerSecond + activationBytes / memory.activationBytesPerSecond) * 1000;
  return {
    node: layer.node,
    opType: layer.opType,
    precision: layer.precision,
    executedAs: path.executedAs,
    path: path.kind,
    macs,
    bytesMoved: layer.weightBytes + activationBytes,
    computeMs,
    memoryMs,
    latencyMs: Math.max(computeMs, memoryMs),
    bound: computeMs > memoryMs ? 'compute' : 'memory',
  };
}

function memoryPathsOf(summary: ModelSummary, target: HardwareTarget, efficiency: RooflineEfficiency): MemoryPaths {
  const ram = target.memory.bandwidthBytesPerSecond * efficiency.memory;
  if (target.kind === 'mcu') {
    const external = target.externalRam;
    const spills = external !== null && summary.peakActivationBytes !== null && summary.peakActivationBytes > target.memory.ramBytes;
    const activationBytesPerSecond = spills ? external.bandwidthBytesPerSecond * efficiency.memory : ram;
    return {
      weightBytesPerSecond: target.flash.readBandwidthBytesPerSecond * efficiency.memory,
      activationBytesPerSecond,
      notes: [
        `Weights are read in place from flash (${rate(target.flash.readBandwidthBytesPerSecond)}); activations live in ` +
          `${spills ? `external RAM (${rate(external.bandwidthBytesPerSecond)})` : `SRAM (${rate(target.memory.bandwidthBytesPerSecond)})`}.`,
      ],
    };
  }
  if (target.kind === 'npu' && target.offChipWeightStreaming !== null && summary.weightBytes > target.memory.ramBytes) {
    const link = target.offChipWeightStreaming;
    const streamed = summary.weightBytes - target.memory.ramBytes;
    const fraction = streamed / summary.weightBytes;
    // Seconds per weight byte: the cached share at on-chip speed, the rest over the host link.
    const secondsPerByte = (1 - fraction) / ram + fraction / (link.bandwidthBytesPerSecond * efficiency.memory);
    return {
      weightBytesPerSecond: 1 / secondsPerByte,
      activationBytesPerSecond: ram,
      notes: [
        `${formatBytes(streamed)} of weights exceed the on-chip memory and stream over ${link.link} (${rate(link.bandwidthBytesPerSecond)}) ` +
          'on every inference; the streamed share is spread evenly over the layers.',
      ],
    };
  }
  return { weightBytesPerSecond: ram, activationBytesPerSecond: ram, notes: [] };
}

function rate(bytesPerSecond: number): string {
  return bytesPerSecond >= 1e9 ? `${Number((bytesPerSecond / 1e9).toFixed(2))} GB/s` : `${Number((bytesPerSecond / 1e6).toFixed(1))} MB/s`;
}

function assumptionsOf(
  target: HardwareTarget,
  efficiency: RooflineEfficiency,
  memory: MemoryPaths,
  paths: ReadonlyMap<LayerPrecision, ExecutionPath>,
  notEstimated: number,
): string[] {
  const factors = target.rooflineEfficiency === undefined ? `the default factors for ${target.kind} targets` : 'factors set on the target';
  const assumptions = [
    'Roofline estimate, not a measurement: each layer takes max(MACs / effective peak, bytes moved / effective bandwidth), and layers run one after another.',
    `Effective = spec-sheet peak x efficiency (${factors}: compute ${efficiency.compute}, memory ${efficiency.memory}).`,
    'Bytes moved per layer = its weights as stored + its input and output activations; no reuse through caches across layers.',
    `${[...ALWAYS_FOLDED_OPS].join(', ')} nodes are folded away before deployment and cost nothing.`,
    `Energy = latency x active power of the ${target.name} (${target.power.activeWatts} W); idle power between inferences is not counted.`,
    ...memory.notes,
  ];
  for (const [precision, path] of paths) {
    if (path.kind !== 'native') assumptions.push(`Layers at ${precision}: ${path.description}.`);
  }
  if (target.sparsity.structured.length > 0 || target.sparsity.unstructured !== null) {
    assumptions.push('Sparsity speed-ups are not applied: the summary has no per-layer sparsity pattern.');
  }
  if (notEstimated > 0) {
    assumptions.push(`${notEstimated} layer${notEstimated === 1 ? ' was' : 's were'} not estimated (unknown shapes): the latency is a lower bound.`);
  }
  return assumptions;
}
