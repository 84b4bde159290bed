import { EdgepressError, ErrorCode } from '@edgepress/errors';
import semver from 'semver';
import { z } from 'zod';
import type { StageContext, StageResult } from './context/stage-context';
import { PLUGIN_KINDS, PLUGIN_NAME_PATTERN, type PluginKind, type PluginManifest } from './manifest';
import type { PluginTarget, SupportDecision } from './target';
import { PLUGIN_API_VERSION, SDK_VERSION } from './version';

/** Plugin params are a zod object schema: defaults and descriptions become the console's form. */
export type ParamsSchema = z.ZodObject;

export interface PluginDefinition<P extends ParamsSchema> {
  name: string;
  version: string;
  kind: PluginKind;
  description: string;
  params: P;
  engines: string;
  /** Whether the plugin applies to a target, and why not. Defaults to "supported". */
  supports?: (target: PluginTarget) => SupportDecision;
  run: (ctx: StageContext, params: z.output<P>) => Promise<StageResult | void>;
}

export interface Plugin<P extends ParamsSchema = ParamsSchema> {
  readonly apiVersion: typeof PLUGIN_API_VERSION;
  readonly manifest: PluginManifest;
  /** Validates raw params (applying defaults); throws BAD_USER_INPUT naming each bad field. */
  parseParams(raw: unknown): z.output<P>;
  supports(target: PluginTarget): SupportDecision;
  run(ctx: StageContext, params: z.output<P>): Promise<StageResult | void>;
}

function misuse(field: string, expected: string, received: unknown): EdgepressError {
  const shown = typeof received === 'string' ? JSON.stringify(received) : received === null ? 'null' : typeof received;
  return new EdgepressError(ErrorCode.BAD_USER_INPUT, `definePlugin: expected ${expected} for ${field} but received ${shown}`, {
    details: { field },
  });
}

function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(params)'}: ${issue.message}`)
    .join('; ');
}

/**
 * Validates a plugin definition and returns the versioned plugin object the host runs. Fails
 * loudly on misuse: a bad name, version, kind, engines range, params schema or missing run.
 */
export function definePlugin<P extends ParamsSchema>(definition: PluginDefinition<P>): Plugin<P> {
  if (typeof definition !== 'object' || definition === null) throw misuse('the definition', 'an object', definition);
  const { name, version, kind, description, params, engines, supports, run } = definition;
  if (typeof name !== 'string' || !PLUGIN_NAME_PATTERN.test(name)) throw misuse('name', 'a kebab-case name (optionally @team/name)', name);
  if (typeof version !== 'string' || semver.valid(version) === null) throw misuse('version', 'a semver version such as "1.0.0"', version);
  if (!(PLUGIN_KINDS as readonly string[]).includes(kind)) throw misuse('kind', `one of ${PLUGIN_KINDS.join(', ')}`, kind);
  if (typeof description !== 'string' || description.trim().length === 0 || description.length > 2000) {
    throw misuse('description', 'a non-empty description of at most 2000 characters', description);
  }
  if (!(params instanceof z.ZodObject)) throw misuse('params', 'a zod object schema (z.object({...}))', params);
  if (typeof engines !== 'string' || semver.validRange(engines) === null) throw misuse('engines', 'a semver range such as "^1.0.0"', engines);
  if (!semver.satisfies(SDK_VERSION, engines)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `definePlugin: engines of ${name} asks for SDK ${engines} but this is SDK ${SDK_VERSION}`, {
      details: { field: 'engines' },
    });
  }
  if (supports !== undefined && typeof supports !== 'function') throw misuse('supports', 'a function (target) => decision', supports);
  if (typeof run !== 'function') throw misuse('run', 'an async function (ctx, params)', run);

  let paramsSchema: Record<string, unknown>;
  try {
    paramsSchema = z.toJSONSchema(params, { io: 'input', unrepresentable: 'throw' }) as Record<string, unknown>;
  } catch (cause) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `definePlugin: the params of ${name} cannot be described as JSON Schema`, { cause });
  }

  const manifest: PluginManifest = Object.freeze({
    name,
    version,
    kind,
    description,
    engines,
    sdkVersion: SDK_VERSION,
    paramsSchema: Object.freeze(paramsSchema),
  });

  return Object.freeze({
    apiVersion: PLUGIN_API_VERSION,
    manifest,
    parseParams(raw: unknown): z.output<P> {
      const result = params.safeParse(raw ?? {});
      if (!result.success) {
        throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Invalid params for ${name}: ${formatIssues(result.error.issues)}`, {
          details: { plugin: name, issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
        });
      }
      return result.data;
    },
    supports(target: PluginTarget): SupportDecision {
      if (supports === undefined) return { supported: true };
      const decision = supports(target);
      if (typeof decision !== 'object' || decision === null || typeof decision.supported !== 'boolean') {
        throw new EdgepressError(ErrorCode.PLUGIN_FAILED, `${name}.supports() must return { supported: boolean, reason? }`);
      }
      return decision;
    },
    run(ctx: StageContext, parsed: z.output<P>) {
      return run(ctx, parsed);
    },
  });
}
