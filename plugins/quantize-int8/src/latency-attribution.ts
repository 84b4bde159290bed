/**
 * Attributes ONNX Runtime's per-node profile to the layers of a quantization plan. ONNX Runtime
 * renames the nodes it fuses or re-lays out, but keeps the original node or output name as a
 * prefix (`<conv>_token_12` for a fused QLinearConv, `<output>_nchwc` for an NCHWc Conv,
 * `<matmul>/MatMulAddFusion`, `<dq>/duplicated`), so a profiled node belongs to a layer when its
 * name equals one of the layer's keys or starts with a key followed by '_' or '/'. A QuantizeLinear/DequantizeLinear pair shared by several quantized layers
 * is split evenly between them: it exists because of them.
 */

export interface AttributionUnit {
  readonly name: string;
  /** Names that identify the unit's nodes in the float model's profile. */
  readonly floatKeys: readonly string[];
  /** Names that identify the unit's own nodes in the quantized model's profile. */
  readonly quantKeys: readonly string[];
  /** Nodes of the quantized model shared with other units, with this unit's share of their time. */
  readonly shared: ReadonlyArray<{ readonly key: string; readonly share: number }>;
}

export interface LatencyComparison {
  readonly name: string;
  readonly fp32Ms: number;
  readonly int8Ms: number;
  /** False when no profiled node matched the unit in one of the two profiles. */
  readonly measured: boolean;
}

function matches(node: string, key: string): boolean {
  return key !== '' && (node === key || node.startsWith(`${key}_`) || node.startsWith(`${key}/`));
}

/** Total time of the profiled nodes matching any key, each node counted once. */
export function timeOf(profile: Readonly<Record<string, number>>, keys: readonly string[]): { ms: number; nodes: number } {
  let ms = 0;
  let nodes = 0;
  for (const [node, time] of Object.entries(profile)) {
    if (keys.some((key) => matches(node, key))) {
      ms += time;
      nodes++;
    }
  }
  return { ms, nodes };
}

export function compareLatency(floatProfile: Readonly<Record<string, number>>, quantProfile: Readonly<Record<string, number>>, units: readonly AttributionUnit[]): LatencyComparison[] {
  return units.map((unit) => {
    const fp32 = timeOf(floatProfile, unit.floatKeys);
    const own = timeOf(quantProfile, unit.quantKeys);
    let sharedMs = 0;
    for (const { key, share } of unit.shared) sharedMs += timeOf(quantProfile, [key]).ms * share;
    return { name: unit.name, fp32Ms: fp32.ms, int8Ms: own.ms + sharedMs, measured: fp32.nodes > 0 && own.nodes > 0 };
  });
}
