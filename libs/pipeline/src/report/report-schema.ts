import { z } from 'zod';

/**
 * The schema of report.json, the record of one pipeline run: the baseline, then one entry per
 * stage in order, each with the same measurements. JSON has no infinities, so SQNR of identical
 * outputs is written as the string "Infinity" (and "-Infinity" for a difference against an
 * all-zero reference). Consumers: the CLI, the worker, the console, and reportJsonSchema() for
 * anyone else.
 */
const dbValue = z.union([z.number(), z.literal('Infinity'), z.literal('-Infinity')]);
const nonNegative = z.number().nonnegative();
const nullableNonNegative = nonNegative.nullable();

const latencySchema = z.object({
  medianMs: nonNegative,
  p90Ms: nonNegative,
  minMs: nonNegative,
  meanMs: nonNegative,
  runs: z.number().int().positive(),
  warmupRuns: z.number().int().nonnegative(),
});

const estimateSchema = z.object({
  targetId: z.string(),
  latencyMs: nonNegative,
  energyMj: nonNegative,
  complete: z.boolean(),
  compatible: z.boolean(),
  fits: z.boolean(),
  issues: z.array(z.object({ code: z.string(), severity: z.string(), message: z.string() })),
});

const fidelitySchema = z.object({
  cosine: z.number().min(-1).max(1),
  top1Agreement: z.number().min(0).max(1),
  sqnrDb: dbValue,
  maxAbsError: z.union([nonNegative, z.literal('Infinity')]),
  meanAbsError: z.union([nonNegative, z.literal('Infinity')]),
  nonFiniteValues: z.number().int().nonnegative(),
  outputs: z.record(
    z.string(),
    z.object({ cosine: z.number(), top1Agreement: z.number(), sqnrDb: dbValue, top1Mode: z.enum(['argmax', 'threshold']), classAxis: z.number().int() }),
  ),
});

const classAccuracySchema = z.object({ label: z.number().int().nonnegative(), samples: z.number().int().positive(), correct: z.number().int().nonnegative(), accuracy: z.number() });

const classDeltaSchema = z.object({
  label: z.number().int().nonnegative(),
  samples: z.number().int().positive(),
  baselineAccuracy: z.number(),
  accuracy: z.number(),
  delta: z.number(),
});

const accuracySchema = z.object({
  metric: z.string(),
  value: z.number(),
  samples: z.number().int().nonnegative(),
  figures: z.record(z.string(), z.number()),
  perClass: z.array(classAccuracySchema).optional(),
  /** value - the baseline's value (absent for the baseline). */
  deltaVsBaseline: z.number().optional(),
  /** Per-class accuracy changes against the baseline, worst first. */
  perClassDeltas: z.array(classDeltaSchema).optional(),
});

export const reportStageSchema = z.object({
  /** Plugin name ('baseline' for the input model). */
  plugin: z.string(),
  version: z.string().optional(),
  params: z.record(z.string(), z.unknown()).optional(),
  sizeBytes: nonNegative,
  gzipBytes: nonNegative,
  parameters: nonNegative,
  nonZeros: nonNegative,
  weightBytes: nonNegative,
  bitsPerWeight: nullableNonNegative,
  /** ONNX Runtime median latency on the host that ran the pipeline (see `host`), not on the target. */
  latencyMs: nullableNonNegative,
  latency: latencySchema.nullable(),
  estimate: estimateSchema.nullable(),
  fidelity: fidelitySchema.nullable(),
  accuracy: accuracySchema.nullable().optional(),
  durationMs: nonNegative.optional(),
  /** What the stage's plugin reported (its StageResult). */
  summary: z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])).optional(),
  notes: z.array(z.string()).optional(),
});

export const constraintResultSchema = z.object({
  constraint: z.enum(['maxSizeBytes', 'maxAccuracyDrop', 'maxFidelityDrop', 'maxEstimatedLatencyMs']),
  limit: nonNegative,
  actual: z.number().nullable(),
  met: z.boolean(),
  message: z.string(),
});

export const reportSchema = z.object({
  schemaVersion: z.literal(1),
  createdAt: z.string(),
  model: z.object({ name: z.string() }),
  target: z.object({ id: z.string(), name: z.string(), kind: z.string() }).nullable(),
  host: z.object({ cpu: z.string(), logicalCores: z.number().int(), onnxruntime: z.string() }),
  data: z.object({
    calibration: z.string().nullable(),
    evaluation: z.string().nullable(),
    evaluatedSamples: z.number().int().nonnegative(),
    /** The input shapes the model was summarized, estimated and timed at (symbolic dimensions resolved). */
    inputShapes: z.record(z.string(), z.array(z.number().int().nonnegative())).optional(),
  }),
  baseline: reportStageSchema,
  stages: z.array(reportStageSchema),
  constraints: z.array(constraintResultSchema),
  constraintsMet: z.boolean(),
});

export type Report = z.infer<typeof reportSchema>;
export type ReportStage = z.infer<typeof reportStageSchema>;

/** JSON Schema (draft 2020-12) of report.json. */
export function reportJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(reportSchema, { unrepresentable: 'throw' }) as Record<string, unknown>;
}
