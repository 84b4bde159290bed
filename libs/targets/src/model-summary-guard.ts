import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { ModelSummary } from '@edgepress/onnx';

/**
 * A summary usually comes straight from libs/onnx, but the gateway and the pipeline may read one
 * back from storage. A NaN or negative count would silently poison the report and the estimate, so
 * the numbers both rely on are checked first.
 */
export function assertModelSummary(summary: ModelSummary): void {
  if (typeof summary !== 'object' || summary === null) fail('the summary', 'a ModelSummary object', summary);
  count(summary.weightBytes, 'weightBytes');
  if (summary.peakActivationBytes !== null) count(summary.peakActivationBytes, 'peakActivationBytes');
  if (typeof summary.ops !== 'object' || summary.ops === null) fail('ops', 'an op-type histogram object', summary.ops);
  if (!Array.isArray(summary.inputs) || !Array.isArray(summary.outputs)) fail('inputs/outputs', 'arrays', summary.inputs);
  if (typeof summary.dynamicShapes !== 'boolean') fail('dynamicShapes', 'a boolean', summary.dynamicShapes);
  if (!Array.isArray(summary.layers)) fail('layers', 'an array of LayerCost', summary.layers);
  summary.layers.forEach((layer, index) => {
    if (typeof layer !== 'object' || layer === null) fail(`layers[${index}]`, 'a LayerCost object', layer);
    if (typeof layer.opType !== 'string') fail(`layers[${index}].opType`, 'a string', layer.opType);
    if (layer.macs !== null) count(layer.macs, `layers[${index}].macs`);
    count(layer.weightBytes, `layers[${index}].weightBytes`);
    if (layer.activationBytes !== null) count(layer.activationBytes, `layers[${index}].activationBytes`);
  });
}

function count(value: unknown, field: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) fail(field, 'a finite number >= 0', value);
}

function fail(field: string, expected: string, received: unknown): never {
  const shown = typeof received === 'number' || typeof received === 'boolean' ? String(received) : received === null ? 'null' : typeof received;
  throw new EdgepressError(ErrorCode.INVALID_ARGUMENT, `Invalid model summary: expected ${expected} for ${field} but received ${shown}`, {
    details: { field },
  });
}
