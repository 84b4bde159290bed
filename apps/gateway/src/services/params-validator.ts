/**
 * Stage params checked against a plugin version's JSON Schema (draft 2020-12, as the plugin SDK
 * exports it from zod) before a run or pipeline is stored.
 *
 * Threat model: params come from clients; schemas come from plugin manifests (built-in or a team's
 * published plugin). Ajv compiles a schema to code once per plugin version (cached, bounded);
 * compilation failures are the plugin's fault (PLUGIN_FAILED), invalid params are the caller's
 * (BAD_USER_INPUT naming the stage and the parameter). Unknown top-level params are refused when
 * the schema lists its properties, so a misspelt name is not silently ignored by the plugin.
 * Tests: params-validator.test.ts, test/bad-input.test.ts.
 */
import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import { EdgepressError, ErrorCode } from '@edgepress/errors';

const MAX_CACHED_SCHEMAS = 500;
const MAX_ISSUES_IN_MESSAGE = 5;

export interface ParamsIssue {
  path: string;
  message: string;
}

export class ParamsValidator {
  private readonly ajv = new Ajv2020({ strict: false, useDefaults: true, allErrors: true, coerceTypes: false, validateFormats: false });
  private readonly compiled = new Map<string, ValidateFunction>();

  /**
   * Returns the params with the schema's defaults filled in, or throws BAD_USER_INPUT.
   * `cacheKey` identifies the schema (the plugin version id); `label` names the stage in messages.
   */
  validate(cacheKey: string, schema: Record<string, unknown>, params: Record<string, unknown>, label: string, field: string): Record<string, unknown> {
    const check = this.compile(cacheKey, schema, label);
    const copy = structuredClone(params);
    const issues = [...unknownParams(schema, copy), ...(check(copy) ? [] : (check.errors ?? []).map(toIssue))];
    if (issues.length > 0) {
      const shown = issues.slice(0, MAX_ISSUES_IN_MESSAGE).map((issue) => `${issue.path} ${issue.message}`);
      const more = issues.length > MAX_ISSUES_IN_MESSAGE ? `; and ${issues.length - MAX_ISSUES_IN_MESSAGE} more` : '';
      throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Invalid params for ${label}: ${shown.join('; ')}${more}`, { details: { field, issues } });
    }
    return copy;
  }

  private compile(cacheKey: string, schema: Record<string, unknown>, label: string): ValidateFunction {
    const cached = this.compiled.get(cacheKey);
    if (cached) return cached;
    let check: ValidateFunction;
    try {
      // The SDK writes "$schema" for draft 2020-12; this Ajv speaks that draft and needs no meta lookup.
      const { $schema: _ignored, ...body } = schema;
      check = this.ajv.compile(body);
    } catch (cause) {
      throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `The params schema of ${label} is not a valid JSON Schema`, { cause });
    }
    if (this.compiled.size >= MAX_CACHED_SCHEMAS) this.compiled.delete(this.compiled.keys().next().value as string);
    this.compiled.set(cacheKey, check);
    return check;
  }
}

function toIssue(error: ErrorObject): ParamsIssue {
  const path = error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : '(params)';
  const allowed = error.keyword === 'enum' ? ` (${(error.params as { allowedValues?: unknown[] }).allowedValues?.map((v) => JSON.stringify(v)).join(', ')})` : '';
  return { path, message: `${error.message ?? 'is invalid'}${allowed}` };
}

function unknownParams(schema: Record<string, unknown>, params: Record<string, unknown>): ParamsIssue[] {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null || 'additionalProperties' in schema || 'patternProperties' in schema) return [];
  const known = Object.keys(properties).sort();
  return Object.keys(params)
    .filter((name) => !known.includes(name))
    .map((name) => ({ path: name, message: `is not a parameter of this plugin (known: ${known.join(', ') || 'none'})` }));
}
