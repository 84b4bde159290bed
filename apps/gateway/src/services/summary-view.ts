import type { Dim, ModelSummary, ValueSummary } from '@edgepress/onnx';

/** libs/onnx's ModelSummary (as stored in models.summary) in the shape of the GraphQL ModelSummary. */
export function toSummaryView(summary: ModelSummary) {
  const bytesByType = summary.weightBytesByType ?? {};
  const paramsByType = summary.parametersByType ?? {};
  const types = new Set([...Object.keys(bytesByType), ...Object.keys(paramsByType)]);
  const byPrecision = new Map<string, number>();
  for (const layer of summary.layers ?? []) byPrecision.set(layer.precision, (byPrecision.get(layer.precision) ?? 0) + 1);
  const ops = Object.entries(summary.ops ?? {});
  return {
    irVersion: summary.irVersion,
    producer: summary.producer ?? '',
    opsets: Object.entries(summary.opsets ?? {}).map(([domain, version]) => ({ domain, version })),
    operators: ops.map(([opType, count]) => ({ opType, count })).sort((a, b) => b.count - a.count || a.opType.localeCompare(b.opType)),
    nodeCount: ops.reduce((sum, [, count]) => sum + count, 0),
    parameters: summary.parameters,
    nonZeroParameters: summary.nonZeroParameters,
    weightBytes: summary.weightBytes,
    weightsByType: [...types]
      .map((elemType) => ({ elemType, bytes: bytesByType[elemType] ?? 0, parameters: paramsByType[elemType] ?? 0 }))
      .sort((a, b) => b.bytes - a.bytes),
    inputs: (summary.inputs ?? []).map(toValueInfo),
    outputs: (summary.outputs ?? []).map(toValueInfo),
    macs: summary.macs,
    macsComplete: summary.macsComplete,
    peakActivationBytes: summary.peakActivationBytes,
    dynamicShapes: summary.dynamicShapes,
    layerCount: summary.layers?.length ?? 0,
    layersByPrecision: [...byPrecision].map(([precision, layers]) => ({ precision, layers })).sort((a, b) => b.layers - a.layers),
  };
}

function toValueInfo(value: ValueSummary) {
  return { name: value.name, elemType: value.elemType, shape: value.shape === null ? null : value.shape.map(toDimension) };
}

function toDimension(dim: Dim) {
  return { size: typeof dim === 'number' ? dim : null, symbol: typeof dim === 'string' ? dim : null };
}
