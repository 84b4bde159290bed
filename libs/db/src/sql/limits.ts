/** Caps on JSON documents stored in JSONB columns, in bytes of serialised JSON. */
export const JSON_LIMITS = {
  targetSpec: 64 * 1024,
  modelSummary: 1024 * 1024,
  pipelineSpec: 256 * 1024,
  stageParams: 256 * 1024,
  stageMetrics: 1024 * 1024,
  pluginManifest: 256 * 1024,
  pluginParamsSchema: 256 * 1024,
} as const;

/** Characters of a stage's log kept in the database (the end of the log). */
export const LOG_EXCERPT_CHARS = 65536;
