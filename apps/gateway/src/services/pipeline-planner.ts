/**
 * Checks a pipeline (target, stages, datasets, constraints) completely before anything is stored:
 * the target exists for the team, every plugin is visible to the team, a non-yanked version
 * matches each range, params satisfy that version's JSON Schema, the datasets are the team's and
 * have the right purpose, constraints are non-negative numbers. Whether a plugin supports the
 * target is a function in the plugin bundle (not in its manifest), so the worker decides that.
 * The result is the document stored in pipelines.spec and runs.spec (see README.md).
 * Tests: test/runs.test.ts, test/bad-input.test.ts.
 */
import semver from 'semver';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Repositories } from '@edgepress/db';
import { parseInputShapes, type InputShape } from './input-shapes';
import type { ParamsValidator } from './params-validator';
import { resolveTarget } from './target-directory';
import type { TargetView } from './target-view';

export const MAX_STAGES = 64;
const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const CONSTRAINT_NAMES = ['maxSizeBytes', 'maxAccuracyDrop', 'maxFidelityDrop', 'maxEstimatedLatencyMs'] as const;

export interface StageRequest {
  plugin: string;
  versionRange?: string | null;
  params?: Record<string, unknown> | null;
}

export interface PipelineRequest {
  targetId: string;
  stages: StageRequest[];
  calibrationDatasetId?: string | null;
  evaluationDatasetId?: string | null;
  constraints?: Partial<Record<(typeof CONSTRAINT_NAMES)[number], number | null>> | null;
  inputShapes?: InputShape[] | null;
}

export interface PlannedStage {
  plugin: string;
  versionRange: string;
  version: string;
  params: Record<string, unknown>;
}

export interface PlannedPipeline {
  target: TargetView;
  stages: PlannedStage[];
  calibrationDatasetId: string | null;
  evaluationDatasetId: string | null;
  constraints: Record<string, number>;
  /** Checked for size here; against the model's inputs when a run is created (input-shapes.ts). */
  inputShapes: InputShape[];
}

/** The stored pipeline document (pipelines.spec, runs.spec). Runs also pin each stage's version. */
export function specDocument(plan: PlannedPipeline, pinVersions: boolean): Record<string, unknown> {
  return {
    version: 1,
    targetId: plan.target.id,
    stages: plan.stages.map((stage) => ({
      plugin: stage.plugin,
      versionRange: stage.versionRange,
      ...(pinVersions ? { version: stage.version } : {}),
      params: stage.params,
    })),
    calibrationDatasetId: plan.calibrationDatasetId,
    evaluationDatasetId: plan.evaluationDatasetId,
    constraints: plan.constraints,
    ...(plan.inputShapes.length > 0 ? { inputShapes: plan.inputShapes } : {}),
  };
}

/** Reads a stored document back as a request (to run a saved pipeline). */
export function requestFromDocument(document: Record<string, unknown>): PipelineRequest {
  const stages = Array.isArray(document.stages) ? (document.stages as Record<string, unknown>[]) : [];
  return {
    targetId: String(document.targetId ?? ''),
    stages: stages.map((stage) => ({
      plugin: String(stage.plugin ?? ''),
      versionRange: typeof stage.versionRange === 'string' ? stage.versionRange : null,
      params: isObject(stage.params) ? stage.params : {},
    })),
    calibrationDatasetId: typeof document.calibrationDatasetId === 'string' ? document.calibrationDatasetId : null,
    evaluationDatasetId: typeof document.evaluationDatasetId === 'string' ? document.evaluationDatasetId : null,
    constraints: isObject(document.constraints) ? (document.constraints as PipelineRequest['constraints']) : null,
    inputShapes: Array.isArray(document.inputShapes) ? (document.inputShapes as InputShape[]) : null,
  };
}

export async function planPipeline(repos: Repositories, teamId: string, validator: ParamsValidator, request: PipelineRequest, field = 'spec'): Promise<PlannedPipeline> {
  const target = await resolveTarget(repos, teamId, request.targetId);
  if (!Array.isArray(request.stages) || request.stages.length < 1 || request.stages.length > MAX_STAGES) {
    throw badInput(`${field}.stages`, `Expected 1 to ${MAX_STAGES} stages but received ${request.stages?.length ?? 0}`);
  }
  const stages: PlannedStage[] = [];
  for (const [index, stage] of request.stages.entries()) {
    stages.push(await planStage(repos, teamId, validator, stage, `${field}.stages[${index}]`, index));
  }
  return {
    target,
    stages,
    calibrationDatasetId: await datasetOf(repos, teamId, request.calibrationDatasetId, 'calibration', `${field}.calibrationDatasetId`),
    evaluationDatasetId: await datasetOf(repos, teamId, request.evaluationDatasetId, 'evaluation', `${field}.evaluationDatasetId`),
    constraints: constraintsOf(request.constraints, `${field}.constraints`),
    inputShapes: parseInputShapes(request.inputShapes, `${field}.inputShapes`),
  };
}

async function planStage(repos: Repositories, teamId: string, validator: ParamsValidator, stage: StageRequest, field: string, index: number): Promise<PlannedStage> {
  const name = stage.plugin;
  if (typeof name !== 'string' || !PLUGIN_NAME.test(name)) {
    throw badInput(`${field}.plugin`, `Expected a plugin name (a-z, 0-9, "-") for ${field}.plugin but received ${JSON.stringify(String(name).slice(0, 80))}`);
  }
  const plugin = await repos.plugins.findByName(teamId, name);
  if (!plugin) throw badInput(`${field}.plugin`, `Unknown plugin ${JSON.stringify(name)} in stage ${index + 1}: no built-in or team plugin has this name`);
  const range = stage.versionRange ?? '*';
  if (typeof range !== 'string' || range.length > 100 || semver.validRange(range) === null) {
    throw badInput(`${field}.versionRange`, `Expected a semver range such as "^1.2.0" for ${field}.versionRange but received ${JSON.stringify(String(range).slice(0, 100))}`);
  }
  const versions = await repos.plugins.listVersions(teamId, plugin.id);
  const chosen = versions.find((candidate) => semver.satisfies(candidate.version, range));
  if (!chosen) {
    const available = versions.map((candidate) => candidate.version).slice(0, 10).join(', ') || 'none';
    throw badInput(`${field}.versionRange`, `No published version of ${name} matches ${JSON.stringify(range)} (available: ${available})`);
  }
  const params = stage.params ?? {};
  if (!isObject(params)) throw badInput(`${field}.params`, `Expected an object for ${field}.params`);
  const label = `stage ${index + 1} (${name}@${chosen.version})`;
  return { plugin: name, versionRange: range, version: chosen.version, params: validator.validate(chosen.id, chosen.paramsSchema, params, label, `${field}.params`) };
}

async function datasetOf(repos: Repositories, teamId: string, id: string | null | undefined, purpose: 'calibration' | 'evaluation', field: string): Promise<string | null> {
  if (id === undefined || id === null) return null;
  const dataset = await repos.datasets.get(teamId, id);
  if (dataset.purpose !== purpose) {
    throw badInput(field, `Expected a ${purpose} dataset for ${field} but ${dataset.name} is a ${dataset.purpose} dataset`);
  }
  return dataset.id;
}

function constraintsOf(input: PipelineRequest['constraints'], field: string): Record<string, number> {
  const constraints: Record<string, number> = {};
  if (!input) return constraints;
  for (const [name, value] of Object.entries(input)) {
    if (value === undefined || value === null) continue;
    if (!(CONSTRAINT_NAMES as readonly string[]).includes(name)) throw badInput(`${field}.${name}`, `Unknown constraint ${name}; expected ${CONSTRAINT_NAMES.join(', ')}`);
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw badInput(`${field}.${name}`, `Expected a non-negative number for ${field}.${name} but received ${String(value)}`);
    }
    constraints[name] = value;
  }
  return constraints;
}

function badInput(field: string, message: string): EdgepressError {
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, message, { details: { field } });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
