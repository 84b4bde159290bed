-- Up Migration

-- Every table with updated_at gets this trigger, so no code path can forget to bump it.
CREATE FUNCTION edgepress_touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

CREATE TABLE teams (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  slug        text NOT NULL CONSTRAINT teams_slug_format CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
  name        text NOT NULL CONSTRAINT teams_name_length CHECK (length(name) BETWEEN 1 AND 200),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT teams_slug_key UNIQUE (slug)
);

-- Minimal accounts: a person who can belong to several teams. Authentication is by API token.
CREATE TABLE accounts (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  email         text NOT NULL CONSTRAINT accounts_email_format CHECK (email ~ '^[^@\s]+@[^@\s]+$' AND length(email) <= 320),
  display_name  text NOT NULL CONSTRAINT accounts_display_name_length CHECK (length(display_name) BETWEEN 1 AND 200),
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX accounts_email_key ON accounts (lower(email));

CREATE TABLE members (
  team_id     uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  account_id  uuid NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
  role        text NOT NULL CONSTRAINT members_role_valid CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, account_id)
);
CREATE INDEX members_account_idx ON members (account_id);
CREATE INDEX members_team_page_idx ON members (team_id, created_at DESC, account_id DESC);

-- Only sha256(secret) is stored; the public prefix finds the row, the hash proves the secret.
CREATE TABLE api_tokens (
  id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  team_id       uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name          text NOT NULL CONSTRAINT api_tokens_name_length CHECK (length(name) BETWEEN 1 AND 200),
  role          text NOT NULL CONSTRAINT api_tokens_role_valid CHECK (role IN ('owner', 'admin', 'member', 'viewer')),
  prefix        text NOT NULL CONSTRAINT api_tokens_prefix_format CHECK (prefix ~ '^[a-z0-9]{12}$'),
  secret_hash   bytea NOT NULL CONSTRAINT api_tokens_secret_hash_length CHECK (octet_length(secret_hash) = 32),
  created_by    uuid REFERENCES accounts (id) ON DELETE SET NULL,
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now(),
  updated_at    timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT api_tokens_prefix_key UNIQUE (prefix)
);
CREATE INDEX api_tokens_team_page_idx ON api_tokens (team_id, created_at DESC, id DESC);

CREATE TRIGGER teams_touch BEFORE UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER members_touch BEFORE UPDATE ON members FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();
CREATE TRIGGER api_tokens_touch BEFORE UPDATE ON api_tokens FOR EACH ROW EXECUTE FUNCTION edgepress_touch_updated_at();

-- Down Migration
DROP TABLE api_tokens;
DROP TABLE members;
DROP TABLE accounts;
DROP TABLE teams;
DROP FUNCTION edgepress_touch_updated_at();
