import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { containsPattern } from '../sql/filters';
import { JSON_LIMITS } from '../sql/limits';
import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireJsonObject, requireSha256, requireText } from '../sql/validate';

/**
 * Plugins and their published versions. Built-in plugins (no owner team) are visible to every
 * team and written only by seeding; a team sees built-ins plus its own plugins, never another
 * team's, and may publish or yank only its own.
 */

export interface Plugin {
  id: string;
  /** null for built-in plugins. */
  ownerTeamId: string | null;
  builtin: boolean;
  name: string;
  description: string;
  /** Highest non-yanked version, by semver. */
  latestVersion: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface PluginVersion {
  id: string;
  pluginId: string;
  version: string;
  manifest: Record<string, unknown>;
  /** JSON Schema of the stage params (the console renders a form from it). */
  paramsSchema: Record<string, unknown>;
  bundleSha256: string;
  signature: string | null;
  publishedBy: string | null;
  yanked: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewPluginVersion {
  version: string;
  manifest: Record<string, unknown>;
  paramsSchema: Record<string, unknown>;
  bundleSha256: string;
  signature?: string | null;
  publishedBy?: string | null;
}

interface PluginRow {
  id: string;
  owner_team_id: string | null;
  name: string;
  description: string;
  latest_version: string | null;
  created_at: Date;
  updated_at: Date;
}

interface PluginVersionRow {
  id: string;
  plugin_id: string;
  version: string;
  manifest: Record<string, unknown>;
  params_schema: Record<string, unknown>;
  bundle_sha256: string;
  signature: string | null;
  published_by: string | null;
  yanked: boolean;
  created_at: Date;
  updated_at: Date;
}

function toPlugin(row: PluginRow): Plugin {
  return {
    id: row.id,
    ownerTeamId: row.owner_team_id,
    builtin: row.owner_team_id === null,
    name: row.name,
    description: row.description,
    latestVersion: row.latest_version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toPluginVersion(row: PluginVersionRow): PluginVersion {
  return {
    id: row.id,
    pluginId: row.plugin_id,
    version: row.version,
    manifest: row.manifest,
    paramsSchema: row.params_schema,
    bundleSha256: row.bundle_sha256,
    signature: row.signature,
    publishedBy: row.published_by,
    yanked: row.yanked,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;
const NAME = /^[a-z0-9][a-z0-9-]{0,63}$/;
const SEMVER_ORDER = 'version_major DESC, version_minor DESC, version_patch DESC, (version_prerelease IS NULL) DESC, version_prerelease DESC';

function parseSemver(version: unknown): { major: number; minor: number; patch: number; prerelease: string | null } {
  const match = typeof version === 'string' && version.length <= 100 ? SEMVER.exec(version) : null;
  const parts = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [];
  if (!match || parts.some((part) => part > 2_147_483_647)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected a semantic version like 1.2.3 for version but received ${JSON.stringify(version)}`, {
      details: { field: 'version' },
    });
  }
  return { major: parts[0], minor: parts[1], patch: parts[2], prerelease: match[4] ?? null };
}

function requireName(name: unknown): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected a plugin name of a-z, 0-9 and "-" (at most 64 characters) for name', {
      details: { field: 'name' },
    });
  }
  return name;
}

const PLUGIN_SELECT = `
  SELECT p.*, ${cursorColumn('p')},
    (SELECT v.version FROM plugin_versions v WHERE v.plugin_id = p.id AND NOT v.yanked ORDER BY ${SEMVER_ORDER.replace(/version_/g, 'v.version_')} LIMIT 1) AS latest_version
  FROM plugins p`;
const VISIBLE = '(p.owner_team_id IS NULL OR p.owner_team_id = $1)';

export class PluginRepository {
  constructor(private readonly db: Queryable) {}

  /** Seeding: the built-in plugin of this name, created on first call. */
  async ensureBuiltin(input: { name: string; description?: string }): Promise<Plugin> {
    const name = requireName(input.name);
    await queryOne(
      this.db,
      `INSERT INTO plugins (owner_team_id, name, description) VALUES (NULL, $1, $2)
       ON CONFLICT ON CONSTRAINT plugins_owner_name_key DO UPDATE SET description = EXCLUDED.description`,
      [name, requireText(input.description ?? '', 'description', 0, 10000)],
    );
    const row = await queryRow<PluginRow>(this.db, `${PLUGIN_SELECT} WHERE p.owner_team_id IS NULL AND p.name = $1`, [name]);
    return toPlugin(row);
  }

  /** A team plugin. Its name may not be a built-in's, so a name means one plugin to every team. */
  async create(teamId: string, input: { name: string; description?: string }): Promise<Plugin> {
    const team = requireId(teamId, 'team');
    const name = requireName(input.name);
    const builtin = await queryOne(this.db, 'SELECT 1 FROM plugins WHERE owner_team_id IS NULL AND name = $1', [name]);
    if (builtin) {
      throw new EdgepressError(ErrorCode.CONFLICT, `The name ${name} belongs to a built-in plugin`, { details: { field: 'name' } });
    }
    const inserted = await queryRow<{ id: string }>(this.db, 'INSERT INTO plugins (owner_team_id, name, description) VALUES ($1, $2, $3) RETURNING id', [
      team,
      name,
      requireText(input.description ?? '', 'description', 0, 10000),
    ]);
    return this.get(team, inserted.id);
  }

  async get(teamId: string, pluginId: string): Promise<Plugin> {
    const row = await queryOne<PluginRow>(this.db, `${PLUGIN_SELECT} WHERE ${VISIBLE} AND p.id = $2`, [
      requireId(teamId, 'team'),
      requireId(pluginId, 'plugin'),
    ]);
    if (!row) throw notFound('plugin');
    return toPlugin(row);
  }

  async findByName(teamId: string, name: string): Promise<Plugin | null> {
    // Built-in first: seeding may add a built-in whose name a team plugin already had.
    const row = await queryOne<PluginRow>(this.db, `${PLUGIN_SELECT} WHERE ${VISIBLE} AND p.name = $2 ORDER BY p.owner_team_id NULLS FIRST LIMIT 1`, [
      requireId(teamId, 'team'),
      requireName(name),
    ]);
    return row ? toPlugin(row) : null;
  }

  async list(teamId: string, filter: { search?: string; builtin?: boolean } = {}, page?: PageArgs): Promise<Connection<Plugin>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const conditions = [VISIBLE];
    if (filter.builtin !== undefined) conditions.push(filter.builtin ? 'p.owner_team_id IS NULL' : 'p.owner_team_id IS NOT NULL');
    if (filter.search !== undefined) {
      values.push(containsPattern(filter.search));
      conditions.push(`(p.name ILIKE $${values.length} OR p.description ILIKE $${values.length})`);
    }
    const window = pageQuery(page, 'p', values);
    const rows = await queryRows<PluginRow & CursorRow>(
      this.db,
      `${PLUGIN_SELECT} WHERE ${conditions.join(' AND ')} AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toPlugin);
  }

  /** Publishes a version of the team's own plugin. Built-ins: FORBIDDEN (they are seeded). */
  async publishVersion(teamId: string, pluginId: string, input: NewPluginVersion): Promise<PluginVersion> {
    await this.requireOwned(teamId, pluginId);
    return this.insertVersion(pluginId, input);
  }

  /**
   * Seeding: publishes a built-in version. Idempotent for the same bundle; a different bundle under
   * an existing version number is a CONFLICT (published versions are immutable).
   */
  async publishBuiltinVersion(pluginId: string, input: NewPluginVersion): Promise<PluginVersion> {
    const id = requireId(pluginId, 'plugin');
    const plugin = await queryOne(this.db, 'SELECT 1 FROM plugins WHERE id = $1 AND owner_team_id IS NULL', [id]);
    if (!plugin) throw notFound('built-in plugin');
    const existing = await queryOne<PluginVersionRow>(this.db, 'SELECT * FROM plugin_versions WHERE plugin_id = $1 AND version = $2', [id, input.version]);
    if (existing && existing.bundle_sha256 === input.bundleSha256) return toPluginVersion(existing);
    return this.insertVersion(id, input);
  }

  async listVersions(teamId: string, pluginId: string, options: { includeYanked?: boolean } = {}): Promise<PluginVersion[]> {
    const plugin = await this.get(teamId, pluginId);
    const rows = await queryRows<PluginVersionRow>(
      this.db,
      `SELECT * FROM plugin_versions WHERE plugin_id = $1 ${options.includeYanked ? '' : 'AND NOT yanked'} ORDER BY ${SEMVER_ORDER}`,
      [plugin.id],
    );
    return rows.map(toPluginVersion);
  }

  async getVersion(teamId: string, pluginId: string, version: string): Promise<PluginVersion> {
    const plugin = await this.get(teamId, pluginId);
    const row = await queryOne<PluginVersionRow>(this.db, 'SELECT * FROM plugin_versions WHERE plugin_id = $1 AND version = $2', [
      plugin.id,
      requireText(version, 'version', 1, 100),
    ]);
    if (!row) throw notFound('plugin version');
    return toPluginVersion(row);
  }

  /** Marks a version of the team's own plugin as yanked (or un-yanks it); runs that pinned it keep it. */
  async setYanked(teamId: string, pluginId: string, version: string, yanked: boolean): Promise<PluginVersion> {
    await this.requireOwned(teamId, pluginId);
    const row = await queryOne<PluginVersionRow>(this.db, 'UPDATE plugin_versions SET yanked = $3 WHERE plugin_id = $1 AND version = $2 RETURNING *', [
      pluginId,
      requireText(version, 'version', 1, 100),
      yanked === true,
    ]);
    if (!row) throw notFound('plugin version');
    return toPluginVersion(row);
  }

  private async requireOwned(teamId: string, pluginId: string): Promise<void> {
    const plugin = await this.get(teamId, pluginId);
    if (plugin.builtin) {
      throw new EdgepressError(ErrorCode.FORBIDDEN, `The plugin ${plugin.name} is built in; only its own team can publish or yank versions`);
    }
  }

  private async insertVersion(pluginId: string, input: NewPluginVersion): Promise<PluginVersion> {
    const semver = parseSemver(input.version);
    const row = await queryRow<PluginVersionRow>(
      this.db,
      `INSERT INTO plugin_versions (plugin_id, version, version_major, version_minor, version_patch, version_prerelease,
                                    manifest, params_schema, bundle_sha256, signature, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *`,
      [
        pluginId,
        input.version,
        semver.major,
        semver.minor,
        semver.patch,
        semver.prerelease,
        requireJsonObject(input.manifest, 'manifest', JSON_LIMITS.pluginManifest),
        requireJsonObject(input.paramsSchema, 'paramsSchema', JSON_LIMITS.pluginParamsSchema),
        requireSha256(input.bundleSha256, 'bundleSha256'),
        input.signature === undefined || input.signature === null ? null : requireText(input.signature, 'signature', 1, 10000),
        input.publishedBy ? requireId(input.publishedBy, 'account') : null,
      ],
    );
    return toPluginVersion(row);
  }
}
