-- Up Migration

-- Team-defined hardware targets. The catalog targets live in code (libs/targets) and are
-- referenced by their id; a team target's slug must not shadow a catalog id (the gateway checks,
-- since this package cannot see the catalog). spec is validated by libs/targets before insert.
CREATE TABLE targets (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  slug        text NOT NULL CONSTRAINT targets_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  kind        text NOT NULL CONSTRAINT targets_kind_valid CHECK (kind IN ('cpu', 'gpu', 'npu', 'mcu')),
  name        text NOT NULL CONSTRAINT targets_name_length CHECK (length(name) BETWEEN 1 AND 200),
  spec        jsonb NOT NULL CONSTRAINT targets_spec_object CHECK (jsonb_typeof(spec) = 'object'),
  created_by  uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT targets_team_slug_key UNIQUE (team_id, slug)
);
CREATE INDEX targets_team_page_idx ON targets (team_id, created_at DESC, id DESC);

CREATE TABLE models (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id      uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name         text NOT NULL CONSTRAINT models_name_length CHECK (length(name) BETWEEN 1 AND 200),
  description  text NOT NULL DEFAULT '' CONSTRAINT models_description_length CHECK (length(description) <= 10000),
  format       text NOT NULL DEFAULT 'onnx' CONSTRAINT models_format_valid CHECK (format IN ('onnx')),
  blob_sha256  text NOT NULL CONSTRAINT models_blob_sha256_format CHECK (blob_sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes   bigint NOT NULL CONSTRAINT models_size_nonnegative CHECK (size_bytes >= 0),
  summary      jsonb NOT NULL DEFAULT '{}' CONSTRAINT models_summary_object CHECK (jsonb_typeof(summary) = 'object'),
  created_by   uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT models_team_name_key UNIQUE (team_id, name),
  -- Lets runs reference (team_id, model_id), so a run can never point at another team's model.
  CONSTRAINT models_team_id_key UNIQUE (team_id, id)
);
CREATE INDEX models_team_page_idx ON models (team_id, created_at DESC, id DESC);
CREATE INDEX models_blob_idx ON models (blob_sha256);

CREATE TABLE datasets (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id       uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name          text NOT NULL CONSTRAINT datasets_name_length CHECK (length(name) BETWEEN 1 AND 200),
  description   text NOT NULL DEFAULT '' CONSTRAINT datasets_description_length CHECK (length(description) <= 10000),
  purpose       text NOT NULL CONSTRAINT datasets_purpose_valid CHECK (purpose IN ('calibration', 'evaluation')),
  format        text NOT NULL CONSTRAINT datasets_format_valid CHECK (format IN ('npy-folder', 'jsonl', 'onnx-tensors', 'mnist-builtin')),
  blob_sha256   text CONSTRAINT datasets_blob_sha256_format CHECK (blob_sha256 ~ '^[0-9a-f]{64}$'),
  sample_count  integer NOT NULL CONSTRAINT datasets_sample_count_nonnegative CHECK (sample_count >= 0),
  input_names   text[] NOT NULL DEFAULT '{}',
  created_by    uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT datasets_team_name_key UNIQUE (team_id, name),
  CONSTRAINT datasets_team_id_key UNIQUE (team_id, id),
  -- The built-in MNIST set ships with the code; every other format is an uploaded blob.
  CONSTRAINT datasets_blob_matches_format CHECK ((format = 'mnist-builtin') = (blob_sha256 IS NULL))
);
CREATE INDEX datasets_team_page_idx ON datasets (team_id, created_at DESC, id DESC);
CREATE INDEX datasets_blob_idx ON datasets (blob_sha256);

CREATE TRIGGER targets_touch BEFORE UPDATE ON targets FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER models_touch BEFORE UPDATE ON models FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER datasets_touch BEFORE UPDATE ON datasets FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();

-- Down Migration
DROP TABLE datasets;
DROP TABLE models;
DROP TABLE targets;
