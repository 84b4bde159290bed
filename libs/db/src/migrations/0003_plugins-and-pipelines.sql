-- Up Migration

-- Built-in plugins have no owner team and are visible to every team. A team plugin may not take
-- a built-in name (the repository checks, so that a name resolves to one plugin for every team).
CREATE TABLE plugins (
  id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_team_id  uuid REFERENCES teams (id) ON DELETE CASCADE,
  name           text NOT NULL CONSTRAINT plugins_name_format CHECK (name ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  description    text NOT NULL DEFAULT '' CONSTRAINT plugins_description_length CHECK (length(description) <= 10000),
  created_at     timestamptz NOT NULL DEFAULT now(),
  updated_at     timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plugins_owner_name_key UNIQUE NULLS NOT DISTINCT (owner_team_id, name)
);
CREATE INDEX plugins_name_idx ON plugins (name);
CREATE INDEX plugins_page_idx ON plugins (created_at DESC, id DESC);

CREATE TABLE plugin_versions (
  id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  plugin_id           uuid NOT NULL REFERENCES plugins (id) ON DELETE CASCADE,
  version             text NOT NULL CONSTRAINT plugin_versions_version_semver
                        CHECK (version ~ '^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$'),
  -- The numeric parts, so that versions sort by semver and not as text.
  version_major       integer NOT NULL,
  version_minor       integer NOT NULL,
  version_patch       integer NOT NULL,
  version_prerelease  text,
  manifest            jsonb NOT NULL CONSTRAINT plugin_versions_manifest_object CHECK (jsonb_typeof(manifest) = 'object'),
  params_schema       jsonb NOT NULL CONSTRAINT plugin_versions_params_schema_object CHECK (jsonb_typeof(params_schema) = 'object'),
  bundle_sha256       text NOT NULL CONSTRAINT plugin_versions_bundle_sha256_format CHECK (bundle_sha256 ~ '^[0-9a-f]{64}$'),
  signature           text,
  published_by        uuid REFERENCES accounts (id) ON DELETE SET NULL,
  yanked              boolean NOT NULL DEFAULT false,
  created_at          timestamptz NOT NULL DEFAULT now(),
  updated_at          timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT plugin_versions_plugin_version_key UNIQUE (plugin_id, version)
);
CREATE INDEX plugin_versions_order_idx ON plugin_versions
  (plugin_id, version_major DESC, version_minor DESC, version_patch DESC, (version_prerelease IS NULL) DESC, version_prerelease DESC);
CREATE INDEX plugin_versions_bundle_idx ON plugin_versions (bundle_sha256);

-- spec (target id, ordered stages {plugin, versionRange, params}, datasets, constraints) belongs
-- to libs/pipeline, which validates it; here it is an opaque JSON object.
CREATE TABLE pipelines (
  id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id      uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name         text NOT NULL CONSTRAINT pipelines_name_length CHECK (length(name) BETWEEN 1 AND 200),
  description  text NOT NULL DEFAULT '' CONSTRAINT pipelines_description_length CHECK (length(description) <= 10000),
  spec         jsonb NOT NULL CONSTRAINT pipelines_spec_object CHECK (jsonb_typeof(spec) = 'object'),
  created_by   uuid REFERENCES accounts (id) ON DELETE SET NULL,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT pipelines_team_name_key UNIQUE (team_id, name),
  CONSTRAINT pipelines_team_id_key UNIQUE (team_id, id)
);
CREATE INDEX pipelines_team_page_idx ON pipelines (team_id, created_at DESC, id DESC);

CREATE TRIGGER plugins_touch BEFORE UPDATE ON plugins FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER plugin_versions_touch BEFORE UPDATE ON plugin_versions FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER pipelines_touch BEFORE UPDATE ON pipelines FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();

-- Down Migration
DROP TABLE pipelines;
DROP TABLE plugin_versions;
DROP TABLE plugins;
