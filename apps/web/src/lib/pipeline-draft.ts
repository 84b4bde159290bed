/**
 * The pipeline builder's model: a draft (what the form holds) to the gateway's PipelineSpecInput
 * and back (from a saved pipeline), and the gateway's BAD_USER_INPUT errors placed on the stage,
 * parameter or constraint they name. Tests: pipeline-draft.test.ts.
 */
import type { PipelineSpecInput } from '../gen/graphql';
import type { GatewayError } from './gateway-error';
import { fieldsFromSchema, initialValues, paramsFromValues, type FormValues, type ParamField } from './json-schema-form';

export const CONSTRAINTS = [
  { name: 'maxSizeBytes', label: 'Max size (bytes)', help: 'File size of the final model.', integer: true },
  { name: 'maxAccuracyDrop', label: 'Max accuracy drop', help: 'Absolute, against the baseline: 0.01 is one point (needs evaluation data).', integer: false },
  { name: 'maxFidelityDrop', label: 'Max fidelity drop', help: '1 − mean cosine similarity of the outputs against the baseline, e.g. 0.02.', integer: false },
  { name: 'maxEstimatedLatencyMs', label: 'Max estimated latency (ms)', help: 'Roofline estimate on the target.', integer: false },
] as const;

export type ConstraintName = (typeof CONSTRAINTS)[number]['name'];

export interface PluginOption {
  name: string;
  version: string | null;
  paramsSchema: Record<string, unknown> | null;
}

export interface StageDraft {
  key: string;
  plugin: string;
  versionRange: string;
  values: FormValues;
}

export interface PipelineDraft {
  targetId: string;
  stages: StageDraft[];
  constraints: Record<ConstraintName, string>;
  calibrationDatasetId: string;
  evaluationDatasetId: string;
}

export interface DraftErrors {
  targetId?: string;
  stages?: string;
  calibrationDatasetId?: string;
  evaluationDatasetId?: string;
  /** By stage key: a message about the stage (plugin, version range). */
  stage: Record<string, string>;
  /** By stage key, then parameter name. */
  params: Record<string, Record<string, string>>;
  constraints: Partial<Record<ConstraintName, string>>;
}

export const emptyErrors = (): DraftErrors => ({ stage: {}, params: {}, constraints: {} });

export function countErrors(errors: DraftErrors): number {
  return (
    [errors.targetId, errors.stages, errors.calibrationDatasetId, errors.evaluationDatasetId].filter(Boolean).length +
    Object.keys(errors.stage).length +
    Object.values(errors.params).reduce((sum, fields) => sum + Object.keys(fields).length, 0) +
    Object.keys(errors.constraints).length
  );
}

let stageCounter = 0;
export function newStageKey(): string {
  stageCounter += 1;
  return `stage-${stageCounter}`;
}

export function fieldsOf(plugins: readonly PluginOption[], name: string): ParamField[] {
  return fieldsFromSchema(plugins.find((plugin) => plugin.name === name)?.paramsSchema ?? null);
}

export function newStage(plugins: readonly PluginOption[], name: string, params: Record<string, unknown> = {}, versionRange = '*'): StageDraft {
  return { key: newStageKey(), plugin: name, versionRange, values: initialValues(fieldsOf(plugins, name), params) };
}

export function emptyDraft(targetId = ''): PipelineDraft {
  return {
    targetId,
    stages: [],
    constraints: { maxSizeBytes: '', maxAccuracyDrop: '', maxFidelityDrop: '', maxEstimatedLatencyMs: '' },
    calibrationDatasetId: '',
    evaluationDatasetId: '',
  };
}

export interface SavedSpec {
  targetId: string;
  stages: readonly { plugin: string; versionRange: string; params: Record<string, unknown> }[];
  constraints: Partial<Record<ConstraintName, number | null>>;
  calibrationDatasetId: string | null;
  evaluationDatasetId: string | null;
}

export function draftFromSpec(spec: SavedSpec, plugins: readonly PluginOption[]): PipelineDraft {
  const draft = emptyDraft(spec.targetId);
  for (const { name } of CONSTRAINTS) {
    const value = spec.constraints[name];
    draft.constraints[name] = value === null || value === undefined ? '' : String(value);
  }
  return {
    ...draft,
    stages: spec.stages.map((stage) => newStage(plugins, stage.plugin, stage.params, stage.versionRange)),
    calibrationDatasetId: spec.calibrationDatasetId ?? '',
    evaluationDatasetId: spec.evaluationDatasetId ?? '',
  };
}

export type SpecResult = { ok: true; spec: PipelineSpecInput } | { ok: false; errors: DraftErrors };

export function specFromDraft(draft: PipelineDraft, plugins: readonly PluginOption[]): SpecResult {
  const errors = emptyErrors();
  if (!draft.targetId) errors.targetId = 'Choose the hardware target to compress for.';
  if (draft.stages.length === 0) errors.stages = 'Add at least one stage.';
  const stages = draft.stages.map((stage) => {
    const { params, errors: paramErrors } = paramsFromValues(fieldsOf(plugins, stage.plugin), stage.values);
    if (Object.keys(paramErrors).length > 0) errors.params[stage.key] = paramErrors;
    if (!/^[\w\s.^~<>=|*xX-]{1,100}$/.test(stage.versionRange.trim())) errors.stage[stage.key] = 'Enter a semver range such as ^1.2.0, or * for the latest version.';
    return { plugin: stage.plugin, versionRange: stage.versionRange.trim() || '*', params };
  });
  const constraints: Record<string, number> = {};
  for (const { name, integer } of CONSTRAINTS) {
    const text = draft.constraints[name].trim();
    if (!text) continue;
    const value = Number(text);
    if (!Number.isFinite(value) || value < 0 || (integer && !Number.isInteger(value))) errors.constraints[name] = integer ? 'Enter a whole number, 0 or more.' : 'Enter a number, 0 or more.';
    else constraints[name] = value;
  }
  if (countErrors(errors) > 0) return { ok: false, errors };
  return {
    ok: true,
    spec: {
      targetId: draft.targetId,
      stages,
      constraints,
      calibrationDatasetId: draft.calibrationDatasetId || null,
      evaluationDatasetId: draft.evaluationDatasetId || null,
    },
  };
}

/**
 * Places a gateway error on the draft: `input.spec.stages.1.params` (+ issues per parameter),
 * `input.spec.stages.0.plugin`, `input.spec.constraints.maxSizeBytes`, `input.spec.targetId`, ...
 * Returns null when the error names no field of the draft.
 */
export function errorsFromGateway(error: GatewayError, draft: PipelineDraft, plugins: readonly PluginOption[] = []): DraftErrors | null {
  const field = error.field;
  if (!field) return null;
  const inside = field.replace(/^.*?spec\./, '');
  const errors = emptyErrors();
  const stageMatch = /^stages\.(\d+)(?:\.(\w+))?/.exec(inside);
  if (stageMatch) {
    const stage = draft.stages[Number(stageMatch[1])];
    if (!stage) return null;
    if (stageMatch[2] === 'params' && error.issues.length > 0) {
      const fields: Record<string, string> = {};
      const groups = new Set(fieldsOf(plugins, stage.plugin).filter((field) => field.kind === 'group').map((field) => field.name));
      for (const issue of error.issues) {
        // A parameter's own key: `ratio`, or `group.child` inside a group of settings.
        const [first, second] = issue.path.split('.');
        const name = groups.has(first) && second !== undefined ? `${first}.${second}` : first;
        fields[name] = fields[name] ? `${fields[name]}; ${issue.message}` : issue.message;
      }
      errors.params[stage.key] = fields;
    } else {
      errors.stage[stage.key] = error.message;
    }
    return errors;
  }
  if (inside === 'stages') errors.stages = error.message;
  else if (inside.startsWith('constraints.')) errors.constraints[inside.slice('constraints.'.length) as ConstraintName] = error.message;
  else if (inside === 'targetId' || inside === 'calibrationDatasetId' || inside === 'evaluationDatasetId') errors[inside] = error.message;
  else return null;
  return errors;
}

export function moveStage(stages: readonly StageDraft[], index: number, offset: -1 | 1): StageDraft[] {
  const target = index + offset;
  if (target < 0 || target >= stages.length) return [...stages];
  const next = [...stages];
  [next[index], next[target]] = [next[target], next[index]];
  return next;
}
