import { ErrorCode, isEdgepressError } from '@edgepress/errors';
import { readModelFile, summarizeModel, type ModelSummary } from '@edgepress/onnx';
import { checkCompatibility, estimate, getTarget, type CompatibilityReport, type RooflineEstimate } from '@edgepress/targets';
import { statSync } from 'node:fs';
import path from 'node:path';
import { println, type CliIo } from '../cli-io';
import type { Command } from '../command';
import { formatBytes, formatCount, formatMs, formatShape, formatSi } from '../format/units';
import { parseDimOption, parseOptions, parseShapeOption } from '../parse-options';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress inspect MODEL [--target ID] [--shape NAME=D1,D2,...] [--dim NAME=VALUE] [--layers] [--json]

Prints a model's summary: operators, parameters and weight bytes by data type, opsets, inputs and
outputs, and MACs. With --target, whether it fits the target, what the target cannot run or
requires (int8, per-tensor, static shapes, reduce_range), and a roofline latency/energy estimate.

  --target ID            a hardware target id (see "edgepress targets")
  --shape NAME=D1,...    fix an input's shape (e.g. --shape x=1,3,640,640); repeatable
  --dim NAME=VALUE       give a symbolic dimension a value (e.g. --dim height=640); repeatable
  --layers               include per-layer costs (and the per-layer estimate with --target)
  --json                 machine-readable output`;

type EstimateSummary = Omit<RooflineEstimate, 'perLayer' | 'notEstimated'> & { notEstimatedLayers: number; perLayer?: RooflineEstimate['perLayer'] };

function estimateSummary(result: RooflineEstimate, withLayers: boolean): EstimateSummary {
  const { perLayer, notEstimated, ...rest } = result;
  return { ...rest, notEstimatedLayers: notEstimated.length, ...(withLayers ? { perLayer } : {}) };
}

export const inspectCommand: Command = {
  name: 'inspect',
  summary: 'summarise a model; with --target, its compatibility and estimated latency/energy',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      target: { type: 'string' },
      shape: { type: 'string', multiple: true },
      dim: { type: 'string', multiple: true },
      layers: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const [file] = positionals;
    if (file === undefined || positionals.length !== 1) throw usageError(`Expected one MODEL file but received ${positionals.length}`);
    const inputShapes = Object.fromEntries((values.shape ?? []).map((s) => parseShapeOption(s, '--shape')));
    const dims = Object.fromEntries((values.dim ?? []).map(parseDimOption));
    // Resolve the target before reading the model so a typo fails fast.
    const target = values.target === undefined ? undefined : targetOrUsageError(values.target);

    const model = await readModelFile(file);
    const summary = summarizeModel(model, { dims, inputShapes });
    const compatibility = target ? checkCompatibility(summary, target) : undefined;
    const roofline = target ? estimateSummary(estimate(summary, target), values.layers === true) : undefined;
    const sizeBytes = statSync(file).size;

    if (values.json) {
      const { layers, ...rest } = summary;
      const report = {
        file: path.resolve(file),
        sizeBytes,
        ...rest,
        ...(values.layers ? { layers } : {}),
        ...(compatibility && roofline ? { compatibility: { ...compatibility, estimate: roofline }, estimate: roofline } : {}),
      };
      println(io.stdout, JSON.stringify(report, null, 2));
      return 0;
    }
    printSummary(io, file, sizeBytes, summary);
    if (compatibility && roofline) printCompatibility(io, compatibility, roofline, summary);
    return 0;
  },
};

function targetOrUsageError(id: string) {
  try {
    return getTarget(id);
  } catch (error) {
    if (isEdgepressError(error) && error.code === ErrorCode.NOT_FOUND) throw usageError(error.message);
    throw error;
  }
}

function printSummary(io: CliIo, file: string, sizeBytes: number, summary: ModelSummary): void {
  const out = (label: string, value: string) => println(io.stdout, `${label.padEnd(12)}${value}`);
  out('Model', `${path.basename(file)}  ${formatBytes(sizeBytes)}, IR ${summary.irVersion}${summary.producer ? `, ${summary.producer}` : ''}`);
  out('Opsets', Object.entries(summary.opsets).map(([d, v]) => `${d === '' ? 'ai.onnx' : d} ${v}`).join(', '));
  for (const input of summary.inputs) out('Input', `${input.name}  ${input.elemType}  ${formatShape(input.shape)}`);
  for (const output of summary.outputs) out('Output', `${output.name}  ${output.elemType}  ${formatShape(output.shape)}`);
  const nonZero = summary.parameters === 0 ? '' : `, ${((summary.nonZeroParameters / summary.parameters) * 100).toFixed(1)} % non-zero`;
  out('Parameters', `${formatCount(summary.parameters)}${nonZero}`);
  out(
    'Weights',
    `${formatBytes(summary.weightBytes)}  (${Object.entries(summary.weightBytesByType)
      .sort((a, b) => b[1] - a[1])
      .map(([type, bytes]) => `${type} ${formatBytes(bytes)}`)
      .join(', ')})`,
  );
  const macs = summary.macsComplete
    ? formatSi(summary.macs)
    : `${formatSi(summary.macs)} known; some layers have unknown shapes${summary.dynamicShapes ? ' (fix them with --shape or --dim)' : ''}`;
  out('MACs', macs);
  if (summary.peakActivationBytes !== null) out('Activations', `${formatBytes(summary.peakActivationBytes)} peak live`);
  const ops = Object.entries(summary.ops).sort((a, b) => b[1] - a[1]);
  out('Operators', ops.map(([op, count]) => `${op} ${count}`).join(', '));
}

function printCompatibility(io: CliIo, report: CompatibilityReport, roofline: EstimateSummary, summary: ModelSummary): void {
  println(io.stdout);
  println(io.stdout, `Target      ${report.targetId}: ${report.fits ? 'fits' : 'does NOT fit'}, ${report.compatible ? 'compatible' : 'needs changes'}`);
  for (const issue of report.issues) {
    println(io.stdout, `  ${issue.severity.padEnd(7)} ${issue.code}: ${issue.message}`);
  }
  const scheme = report.requiredScheme;
  const needs = [
    scheme.requiresQuantization ? 'quantization' : null,
    scheme.perTensorOnly ? 'per-tensor scales' : null,
    scheme.reduceRange ? 'reduce_range (7-bit weights)' : null,
    scheme.symmetricWeights ? 'symmetric weights' : null,
    scheme.staticShapes ? 'static shapes' : null,
  ].filter((n): n is string => n !== null);
  println(io.stdout, `  scheme  precisions ${scheme.allowedPrecisions.join('/')}${needs.length ? `; requires ${needs.join(', ')}` : ''}`);
  const shapeHint = summary.dynamicShapes
    ? `; fix input shapes, e.g. ${summary.inputs.map((i) => `--shape ${i.name}=${(i.shape ?? []).map((d) => (typeof d === 'number' ? d : 'N')).join(',')}`).join(' ')}`
    : '';
  if (roofline.computeBoundLayers + roofline.memoryBoundLayers === 0) {
    println(io.stdout, `Estimate    not available: no layer has known shapes${shapeHint}`);
    return;
  }
  const bound = `${roofline.computeBoundLayers} compute-bound, ${roofline.memoryBoundLayers} memory-bound layers`;
  const partial = roofline.complete ? '' : ` (a lower bound: ${roofline.notEstimatedLayers} layers not estimated${shapeHint})`;
  println(io.stdout, `Estimate    ${formatMs(roofline.latencyMs)}, ${roofline.energyMj.toFixed(2)} mJ per inference (roofline estimate, ${bound})${partial}`);
}
