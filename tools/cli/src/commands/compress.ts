import { promises as fs } from 'node:fs';
import path from 'node:path';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { PipelineSpecInput, TaskMetricSpec } from '@edgepress/pipeline';
import { println } from '../cli-io';
import type { Command } from '../command';
import { dataSourceOption, positiveInteger } from '../compress/data-option';
import { metricsTable } from '../compress/metrics-table';
import { progressDisplay } from '../compress/progress-display';
import { parseOptions, parseShapeOption } from '../parse-options';
import { parseStageOption } from '../stage-option';
import { usageError } from '../usage-error';

const USAGE = `Usage: edgepress compress MODEL --target ID --stage NAME[:key=value,...] [--stage ...] -o OUT.onnx
         [--calibration PATH | --calibration-random N] [--eval PATH] [--report report.json] [--html report.html]
         [--kernels HOST:PORT[,...]] [--threads N]

Runs a pipeline of built-in plugins on MODEL, each stage in the sandbox, then checks and measures
every stage's model in ONNX Runtime (size, gzip size, non-zeros, bits per weight, latency on this
machine, the target's estimate, fidelity against the input model, accuracy when the data has
labels) and prints the figures per stage.

  --target ID                 hardware target id (see "edgepress targets")
  --stage NAME[:k=v,...]      a plugin and its params, e.g. quantize-int8:mode=static; repeat in order
  -o, --output OUT.onnx       where to write the final model
  --calibration PATH          calibration data: "mnist", a .jsonl file, a folder of .npy/.pb tensors,
                              or a folder of PNG pages
  --calibration-random N      N seeded random inputs instead (shapes from the model or --shape)
  --calibration-limit N       read at most N calibration samples (default 256)
  --eval PATH                 evaluation data (same forms; default: the calibration data)
  --eval-limit N              read at most N evaluation samples (mnist: default 1000)
  --metric M                  auto (default: accuracy when samples have labels), none, or
                              ctc=KEYS.txt (character accuracy of a CTC text recognizer)
  --shape NAME=D1,D2,...      input shape when the model's is symbolic; repeatable
  --max-size BYTES            constraint on the final model's size (suffixes K, M, G allowed)
  --max-fidelity-drop X       constraint on 1 - cosine against the input model
  --max-accuracy-drop X       constraint on the accuracy lost (0.01 = one point)
  --max-latency MS            constraint on the target's estimated latency
  --report FILE               write report.json
  --html FILE                 write the HTML report
  --kernels HOST:PORT[,...]   run kernels on these kernel servers instead of in process
  --threads N                 threads for kernels and ONNX Runtime (default 1)

Exit codes: 0 done, 2 usage, 3 invalid model, 4 file not found, 5 a constraint was not met.`;

const SIZE = /^(\d+(?:\.\d+)?)([KMG]?)i?B?$/i;

function sizeOption(value: string): number {
  const [, number, unit] = SIZE.exec(value) ?? [];
  if (number === undefined) throw usageError(`Expected --max-size BYTES (e.g. 2500000 or 2.5M) but received "${value}"`);
  return Math.round(Number(number) * 1024 ** ['', 'K', 'M', 'G'].indexOf((unit ?? '').toUpperCase()));
}

function numberOption(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isFinite(parsed) || parsed < 0) throw usageError(`Expected a non-negative number for ${option} but received "${value}"`);
  return parsed;
}

function metricOption(value: string | undefined): TaskMetricSpec {
  if (value === undefined || value === 'auto') return 'auto';
  if (value === 'none') return 'none';
  if (value === 'classification') return { type: 'classification' };
  if (value.startsWith('ctc=') && value.length > 4) return { type: 'ctc-text', dictionary: path.resolve(value.slice(4)) };
  throw usageError(`Expected --metric auto, none, classification or ctc=KEYS.txt but received "${value}"`);
}

async function readModelBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch (cause) {
    throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Cannot read the model file ${file}`, { cause });
  }
}

export const compressCommand: Command = {
  name: 'compress',
  summary: 'compress a model locally with a pipeline of plugins, measuring every stage',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseOptions(args, {
      target: { type: 'string' },
      stage: { type: 'string', multiple: true },
      output: { type: 'string', short: 'o' },
      calibration: { type: 'string' },
      'calibration-random': { type: 'string' },
      'calibration-limit': { type: 'string' },
      eval: { type: 'string' },
      'eval-limit': { type: 'string' },
      metric: { type: 'string' },
      shape: { type: 'string', multiple: true },
      'max-size': { type: 'string' },
      'max-fidelity-drop': { type: 'string' },
      'max-accuracy-drop': { type: 'string' },
      'max-latency': { type: 'string' },
      report: { type: 'string' },
      html: { type: 'string' },
      kernels: { type: 'string' },
      threads: { type: 'string' },
    });
    const [file] = positionals;
    if (file === undefined || positionals.length !== 1) throw usageError(`Expected one MODEL file but received ${positionals.length}`);
    if (values.target === undefined) throw usageError('Expected --target ID (see "edgepress targets")');
    if (values.stage === undefined || values.stage.length === 0) throw usageError('Expected at least one --stage NAME[:key=value,...]');
    if (values.output === undefined) throw usageError('Expected -o OUT.onnx, the file to write the compressed model to');
    if (values.calibration !== undefined && values['calibration-random'] !== undefined) throw usageError('Give --calibration PATH or --calibration-random N, not both');
    const calibrationLimit = values['calibration-limit'] === undefined ? undefined : positiveInteger(values['calibration-limit'], '--calibration-limit');
    const evalLimit = values['eval-limit'] === undefined ? undefined : positiveInteger(values['eval-limit'], '--eval-limit');
    const threads = values.threads === undefined ? 1 : positiveInteger(values.threads, '--threads');
    if (threads > 64) throw usageError('Expected --threads between 1 and 64');
    const addresses = values.kernels === undefined ? [] : values.kernels.split(',').map((address) => address.trim());

    const spec: PipelineSpecInput = {
      target: values.target,
      stages: values.stage.map((stage) => parseStageOption(stage)).map(({ plugin, params }) => ({ plugin, params })),
      ...(values.calibration !== undefined ? { calibration: dataSourceOption(values.calibration, '--calibration', 'calibration', calibrationLimit) } : {}),
      ...(values['calibration-random'] !== undefined ? { calibration: { type: 'random', count: positiveInteger(values['calibration-random'], '--calibration-random') } } : {}),
      ...(values.eval !== undefined ? { evaluation: dataSourceOption(values.eval, '--eval', 'evaluation', evalLimit) } : {}),
      metric: metricOption(values.metric),
      constraints: {
        ...(values['max-size'] !== undefined ? { maxSizeBytes: sizeOption(values['max-size']) } : {}),
        ...(values['max-fidelity-drop'] !== undefined ? { maxFidelityDrop: numberOption(values['max-fidelity-drop'], '--max-fidelity-drop') } : {}),
        ...(values['max-accuracy-drop'] !== undefined ? { maxAccuracyDrop: numberOption(values['max-accuracy-drop'], '--max-accuracy-drop') } : {}),
        ...(values['max-latency'] !== undefined ? { maxEstimatedLatencyMs: numberOption(values['max-latency'], '--max-latency') } : {}),
      },
      ...(values.shape !== undefined ? { inputShapes: Object.fromEntries(values.shape.map((shape) => parseShapeOption(shape, '--shape'))) } : {}),
    };

    const model = await readModelBytes(file);
    // Loaded only now: ONNX Runtime, the sandbox host and the kernels are not needed by other commands or usage errors.
    const { connectKernels, createBuiltinRegistry, renderReportHtml, runPipeline, serializeReport } = require('@edgepress/pipeline') as typeof import('@edgepress/pipeline');
    const connection = connectKernels({ addresses });
    const show = progressDisplay(io, () => spec.stages.length);
    let result;
    try {
      result = await runPipeline(spec, {
        model,
        modelName: path.basename(file),
        registry: createBuiltinRegistry(),
        kernels: connection.kernels,
        kernelThreads: threads,
        session: { intraOpThreads: threads },
        onEvent: show,
      });
    } finally {
      connection.close();
    }

    await fs.writeFile(values.output, result.model);
    if (values.report !== undefined) await fs.writeFile(values.report, serializeReport(result.report));
    if (values.html !== undefined) await fs.writeFile(values.html, renderReportHtml(result.report));
    println(io.stdout, metricsTable(result.baseline, result.stages));
    println(io.stdout);
    println(io.stdout, `wrote ${values.output}${values.report ? `, ${values.report}` : ''}${values.html ? `, ${values.html}` : ''}`);
    for (const constraint of result.constraints) println(io.stdout, `${constraint.met ? 'met    ' : 'NOT MET'} ${constraint.message}`);
    const failed = result.constraints.filter((constraint) => !constraint.met);
    if (failed.length > 0) {
      throw new EdgepressError(ErrorCode.CONSTRAINT_NOT_MET, `${failed.length} constraint(s) not met: ${failed.map((constraint) => constraint.message).join('; ')}`);
    }
    return 0;
  },
};
