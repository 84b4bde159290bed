-- Up Migration

-- A run is a row with ordered stage rows. State machine (RunRepository):
--   queued -> running -> succeeded | failed
--   queued -> cancelled;  running -> cancelling -> cancelled (the worker stops the running stage)
-- target_id is a catalog id (libs/targets) or a team target slug; target and spec are snapshots
-- taken when the run was created, so editing a target or pipeline later does not change the run.
CREATE TABLE runs (
  id                   uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id              uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  model_id             uuid NOT NULL,
  target_id            text NOT NULL CONSTRAINT runs_target_id_format CHECK (target_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  target               jsonb NOT NULL CONSTRAINT runs_target_object CHECK (jsonb_typeof(target) = 'object'),
  pipeline_id          uuid,
  spec                 jsonb NOT NULL CONSTRAINT runs_spec_object CHECK (jsonb_typeof(spec) = 'object'),
  state                text NOT NULL DEFAULT 'queued'
                         CONSTRAINT runs_state_valid CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'cancelling')),
  progress             double precision NOT NULL DEFAULT 0 CONSTRAINT runs_progress_range CHECK (progress >= 0 AND progress <= 1),
  message              text NOT NULL DEFAULT '' CONSTRAINT runs_message_length CHECK (length(message) <= 2000),
  error_code           text,
  error_message        text CONSTRAINT runs_error_message_length CHECK (length(error_message) <= 10000),
  attempt              integer NOT NULL DEFAULT 0 CONSTRAINT runs_attempt_nonnegative CHECK (attempt >= 0),
  created_by           uuid REFERENCES accounts (id) ON DELETE SET NULL,
  rerun_of             uuid,
  started_at           timestamptz,
  cancel_requested_at  timestamptz,
  finished_at          timestamptz,
  created_at           timestamptz NOT NULL DEFAULT now(),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT runs_team_id_key UNIQUE (team_id, id),
  CONSTRAINT runs_model_fkey FOREIGN KEY (team_id, model_id) REFERENCES models (team_id, id) ON DELETE RESTRICT,
  CONSTRAINT runs_pipeline_fkey FOREIGN KEY (team_id, pipeline_id) REFERENCES pipelines (team_id, id) ON DELETE SET NULL (pipeline_id),
  CONSTRAINT runs_rerun_of_fkey FOREIGN KEY (team_id, rerun_of) REFERENCES runs (team_id, id) ON DELETE SET NULL (rerun_of),
  CONSTRAINT runs_error_when_failed CHECK ((state = 'failed') = (error_code IS NOT NULL)),
  CONSTRAINT runs_finished_when_terminal CHECK ((state IN ('succeeded', 'failed', 'cancelled')) = (finished_at IS NOT NULL))
);
CREATE INDEX runs_team_page_idx ON runs (team_id, created_at DESC, id DESC);
CREATE INDEX runs_team_state_page_idx ON runs (team_id, state, created_at DESC, id DESC);
CREATE INDEX runs_team_model_page_idx ON runs (team_id, model_id, created_at DESC, id DESC);
CREATE INDEX runs_team_target_page_idx ON runs (team_id, target_id, created_at DESC, id DESC);
CREATE INDEX runs_state_idx ON runs (state);

-- One row per pipeline stage, created with the run. A stage that runs twice (a job delivered
-- again) leaves one result: completion is a conditional UPDATE that only the first caller wins.
CREATE TABLE stages (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id          uuid NOT NULL,
  run_id           uuid NOT NULL,
  index            integer NOT NULL CONSTRAINT stages_index_nonnegative CHECK (index >= 0),
  plugin_name      text NOT NULL CONSTRAINT stages_plugin_name_format CHECK (plugin_name ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  plugin_version   text NOT NULL CONSTRAINT stages_plugin_version_length CHECK (length(plugin_version) BETWEEN 1 AND 100),
  params           jsonb NOT NULL DEFAULT '{}' CONSTRAINT stages_params_object CHECK (jsonb_typeof(params) = 'object'),
  state            text NOT NULL DEFAULT 'pending'
                     CONSTRAINT stages_state_valid CHECK (state IN ('pending', 'running', 'succeeded', 'failed', 'cancelled')),
  attempt          integer NOT NULL DEFAULT 0 CONSTRAINT stages_attempt_nonnegative CHECK (attempt >= 0),
  metrics          jsonb CONSTRAINT stages_metrics_object CHECK (jsonb_typeof(metrics) = 'object'),
  artifact_sha256  text CONSTRAINT stages_artifact_sha256_format CHECK (artifact_sha256 ~ '^[0-9a-f]{64}$'),
  log_excerpt      text NOT NULL DEFAULT '' CONSTRAINT stages_log_excerpt_length CHECK (length(log_excerpt) <= 65536),
  error_code       text,
  error_message    text CONSTRAINT stages_error_message_length CHECK (length(error_message) <= 10000),
  started_at       timestamptz,
  finished_at      timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT stages_run_index_key UNIQUE (run_id, index),
  CONSTRAINT stages_run_fkey FOREIGN KEY (team_id, run_id) REFERENCES runs (team_id, id) ON DELETE CASCADE,
  CONSTRAINT stages_result_when_succeeded CHECK (state <> 'succeeded' OR (metrics IS NOT NULL AND finished_at IS NOT NULL)),
  CONSTRAINT stages_error_when_failed CHECK ((state = 'failed') = (error_code IS NOT NULL))
);
CREATE INDEX stages_team_run_idx ON stages (team_id, run_id, index);
CREATE INDEX stages_artifact_idx ON stages (artifact_sha256);

-- Stored outputs of a run: a stage's model, or a report (stage_index NULL for the run's report).
CREATE TABLE artifacts (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id      uuid NOT NULL,
  run_id       uuid NOT NULL,
  stage_index  integer,
  kind         text NOT NULL CONSTRAINT artifacts_kind_valid CHECK (kind IN ('model', 'report')),
  blob_sha256  text NOT NULL CONSTRAINT artifacts_blob_sha256_format CHECK (blob_sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes   bigint NOT NULL CONSTRAINT artifacts_size_nonnegative CHECK (size_bytes >= 0),
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT artifacts_run_stage_kind_key UNIQUE NULLS NOT DISTINCT (run_id, stage_index, kind),
  CONSTRAINT artifacts_run_fkey FOREIGN KEY (team_id, run_id) REFERENCES runs (team_id, id) ON DELETE CASCADE,
  CONSTRAINT artifacts_stage_fkey FOREIGN KEY (run_id, stage_index) REFERENCES stages (run_id, index) ON DELETE CASCADE
);
CREATE INDEX artifacts_team_run_idx ON artifacts (team_id, run_id, created_at);
CREATE INDEX artifacts_blob_idx ON artifacts (blob_sha256);

CREATE TRIGGER runs_touch BEFORE UPDATE ON runs FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER stages_touch BEFORE UPDATE ON stages FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();

-- Down Migration
DROP TABLE artifacts;
DROP TABLE stages;
DROP TABLE runs;
