/**
 * A pipeline, as data: the hardware target, the ordered stages (plugin, version range, raw params),
 * the calibration and evaluation data, the constraints the final model must meet, and the input
 * shapes to assume for symbolic dimensions. It arrives from the CLI, the GraphQL API or a stored
 * run, so it is parsed strictly (unknown keys are errors) with messages that name the field.
 * Plugin params are only checked to be a JSON object here: each plugin's own schema checks them,
 * in the sandbox, when the pipeline is validated (validate-pipeline.ts). Tests: pipeline-spec.test.ts.
 */
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import semver from 'semver';
import { z } from 'zod';

export const MAX_STAGES = 32;

const path = z.string().min(1, 'expected a path').max(4096, 'expected a path of at most 4096 characters');

/** Where calibration or evaluation samples come from. `ref` names platform data resolved by the caller's resolver. */
export const dataSourceSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('tensor-folder'), path, limit: z.number().int().positive().optional() }),
    z.strictObject({ type: z.literal('jsonl'), path, limit: z.number().int().positive().optional() }),
    z.strictObject({ type: z.literal('ocr-pages'), path, limit: z.number().int().positive().optional() }),
    z.strictObject({ type: z.literal('mnist'), layout: z.enum(['image', 'flat']).optional(), offset: z.number().int().nonnegative().optional(), limit: z.number().int().positive().optional() }),
    z.strictObject({ type: z.literal('random'), count: z.number().int().min(1).max(100_000), seed: z.number().int().nonnegative().optional() }),
    z.strictObject({ type: z.literal('ref'), id: z.string().min(1).max(200) }),
  ],
  { error: 'expected a data source with type tensor-folder, jsonl, ocr-pages, mnist, random or ref' },
);

/** The task metric of the evaluation data: 'auto' measures classification accuracy when samples carry labels. */
export const taskMetricSchema = z.union([
  z.literal('auto'),
  z.literal('none'),
  z.strictObject({ type: z.literal('classification'), output: z.string().optional() }),
  z.strictObject({ type: z.literal('ctc-text'), dictionary: path, output: z.string().optional() }),
]);

const versionRange = z
  .string()
  .max(100)
  .refine((range) => semver.validRange(range) !== null, 'expected a semver range such as "^1.0.0" or "*"');

export const stageSpecSchema = z.strictObject({
  /** Plugin name, e.g. "quantize-int8" or "@acme/prune-fancy". */
  plugin: z.string().min(1).max(120),
  version: versionRange.default('*'),
  params: z.record(z.string(), z.unknown()).default({}),
});

const limit = z.number().nonnegative().finite();

export const pipelineSpecSchema = z.strictObject({
  target: z.string().min(1).max(64),
  stages: z.array(stageSpecSchema).min(1, 'expected at least one stage').max(MAX_STAGES, `expected at most ${MAX_STAGES} stages`),
  calibration: dataSourceSchema.optional(),
  /** Defaults to the calibration data (the report says so). */
  evaluation: dataSourceSchema.optional(),
  metric: taskMetricSchema.default('auto'),
  constraints: z
    .strictObject({ maxSizeBytes: limit.optional(), maxAccuracyDrop: limit.optional(), maxFidelityDrop: limit.optional(), maxEstimatedLatencyMs: limit.optional() })
    .default({}),
  /** Shapes for inputs with symbolic dimensions (summary, estimate, latency) when the data does not tell. */
  inputShapes: z.record(z.string(), z.array(z.number().int().nonnegative()).max(64)).optional(),
});

export type DataSource = z.output<typeof dataSourceSchema>;
export type TaskMetricSpec = z.output<typeof taskMetricSchema>;
export type StageSpec = z.output<typeof stageSpecSchema>;
export type PipelineSpec = z.output<typeof pipelineSpecSchema>;
/** What callers write: versions, params, metric and constraints may be left out. */
export type PipelineSpecInput = z.input<typeof pipelineSpecSchema>;

/** Parses a pipeline spec; BAD_USER_INPUT naming every bad field. */
export function parsePipelineSpec(value: unknown): PipelineSpec {
  const result = pipelineSpecSchema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 10).map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(spec)'}: ${issue.message}`);
  throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Invalid pipeline: ${issues.join('; ')}`, {
    details: { issues: result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
  });
}
