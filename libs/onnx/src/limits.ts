import { invalidArgument } from './errors';

/**
 * Caps on what a model may make us allocate. Every model-derived size is checked against these
 * before memory is reserved, so a hostile file cannot exhaust memory. Raise a cap by name, for
 * example `readModel(bytes, { limits: { maxTensorBytes: 4 * GiB } })`.
 */
export interface Limits {
  /** Size of the serialized ModelProto. Protobuf itself cannot exceed 2 GiB. */
  readonly maxModelBytes: number;
  /** Bytes of any one tensor's data, as stored and as decoded. */
  readonly maxTensorBytes: number;
  /** Sum of all external-data bytes loaded for one model. */
  readonly maxExternalDataBytes: number;
  /** Nodes in the model, counting every subgraph and function. */
  readonly maxNodes: number;
  /** Protobuf message nesting (ModelProto is 1; every subgraph costs 3 levels). */
  readonly maxNestingDepth: number;
  /** Estimated JavaScript memory of the parsed message tree (objects, arrays, bigints), beyond the input bytes. */
  readonly maxParseMemoryBytes: number;
}

const GiB = 1024 * 1024 * 1024;

export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxModelBytes: 2 * GiB - 1,
  maxTensorBytes: 1 * GiB,
  maxExternalDataBytes: 4 * GiB,
  maxNodes: 1_000_000,
  maxNestingDepth: 100,
  maxParseMemoryBytes: 1 * GiB,
});

/**
 * Nesting is walked recursively after parsing (graphs inside attributes inside nodes), so even a
 * caller cannot raise it past this without risking the call stack.
 */
export const MAX_NESTING_DEPTH_CEILING = 1000;

/** Merges caller overrides over the defaults, refusing anything that is not a positive safe integer. */
export function resolveLimits(overrides: Partial<Limits> | undefined): Limits {
  if (overrides === undefined) return DEFAULT_LIMITS;
  if (typeof overrides !== 'object' || overrides === null) {
    throw invalidArgument(`Expected an object for limits but received ${describe(overrides)}`);
  }
  const resolved: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in DEFAULT_LIMITS)) {
      throw invalidArgument(`Unknown limit '${key}'; expected one of ${Object.keys(DEFAULT_LIMITS).join(', ')}`);
    }
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
      throw invalidArgument(`Expected a positive integer for limits.${key} but received ${describe(value)}`);
    }
    if (key === 'maxNestingDepth' && value > MAX_NESTING_DEPTH_CEILING) {
      throw invalidArgument(`Expected limits.maxNestingDepth of at most ${MAX_NESTING_DEPTH_CEILING} but received ${value}`);
    }
    resolved[key] = value;
  }
  return Object.freeze(resolved) as unknown as Limits;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return value === null ? 'null' : typeof value;
}
