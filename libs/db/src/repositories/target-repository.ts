import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { containsPattern, setClause } from '../sql/filters';
import { JSON_LIMITS } from '../sql/limits';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireJsonObject, requireOneOf, requireSlug, requireText } from '../sql/validate';

export const TARGET_KINDS = ['cpu', 'gpu', 'npu', 'mcu'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

/**
 * A team-defined hardware target. `slug` is the target id users see (e.g. `my-board`), unique per
 * team; `spec` is the HardwareTarget document validated by libs/targets before it gets here.
 */
export interface TeamTarget {
  id: string;
  teamId: string;
  slug: string;
  kind: TargetKind;
  name: string;
  spec: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface TargetRow {
  id: string;
  team_id: string;
  slug: string;
  kind: TargetKind;
  name: string;
  spec: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

function toTarget(row: TargetRow): TeamTarget {
  return {
    id: row.id,
    teamId: row.team_id,
    slug: row.slug,
    kind: row.kind,
    name: row.name,
    spec: row.spec,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface TargetFilter {
  kind?: TargetKind;
  search?: string;
}

export class TargetRepository {
  constructor(private readonly db: Queryable) {}

  async create(
    teamId: string,
    input: { slug: string; kind: TargetKind; name: string; spec: Record<string, unknown>; createdBy?: string | null },
  ): Promise<TeamTarget> {
    const row = await queryRow<TargetRow>(
      this.db,
      'INSERT INTO targets (team_id, slug, kind, name, spec, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *',
      [
        requireId(teamId, 'team'),
        requireSlug(input.slug, 'slug'),
        requireOneOf(input.kind, 'kind', TARGET_KINDS),
        requireText(input.name, 'name', 1, 200),
        requireJsonObject(input.spec, 'spec', JSON_LIMITS.targetSpec),
        input.createdBy ? requireId(input.createdBy, 'account') : null,
      ],
    );
    return toTarget(row);
  }

  async get(teamId: string, targetId: string): Promise<TeamTarget> {
    const row = await queryOne<TargetRow>(this.db, 'SELECT * FROM targets WHERE team_id = $1 AND id = $2', [
      requireId(teamId, 'team'),
      requireId(targetId, 'target'),
    ]);
    if (!row) throw notFound('target');
    return toTarget(row);
  }

  async findBySlug(teamId: string, slug: string): Promise<TeamTarget | null> {
    const row = await queryOne<TargetRow>(this.db, 'SELECT * FROM targets WHERE team_id = $1 AND slug = $2', [
      requireId(teamId, 'team'),
      requireSlug(slug, 'slug'),
    ]);
    return row ? toTarget(row) : null;
  }

  async list(teamId: string, filter: TargetFilter = {}, page?: PageArgs): Promise<Connection<TeamTarget>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const conditions = ['t.team_id = $1'];
    if (filter.kind !== undefined) {
      values.push(requireOneOf(filter.kind, 'kind', TARGET_KINDS));
      conditions.push(`t.kind = $${values.length}`);
    }
    if (filter.search !== undefined) {
      values.push(containsPattern(filter.search));
      conditions.push(`(t.name ILIKE $${values.length} OR t.slug ILIKE $${values.length})`);
    }
    const window = pageQuery(page, 't', values);
    const rows = await queryRows<TargetRow & CursorRow>(
      this.db,
      `SELECT t.*, ${cursorColumn('t')} FROM targets t WHERE ${conditions.join(' AND ')} AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toTarget);
  }

  async update(
    teamId: string,
    targetId: string,
    changes: { kind?: TargetKind; name?: string; spec?: Record<string, unknown> },
  ): Promise<TeamTarget> {
    const values: unknown[] = [requireId(teamId, 'team'), requireId(targetId, 'target')];
    const set = setClause(
      {
        kind: changes.kind === undefined ? undefined : requireOneOf(changes.kind, 'kind', TARGET_KINDS),
        name: changes.name === undefined ? undefined : requireText(changes.name, 'name', 1, 200),
        spec: changes.spec === undefined ? undefined : requireJsonObject(changes.spec, 'spec', JSON_LIMITS.targetSpec),
      },
      values,
    );
    const row = await queryOne<TargetRow>(this.db, `UPDATE targets SET ${set} WHERE team_id = $1 AND id = $2 RETURNING *`, values);
    if (!row) throw notFound('target');
    return toTarget(row);
  }

  async delete(teamId: string, targetId: string): Promise<void> {
    const row = await queryOne(this.db, 'DELETE FROM targets WHERE team_id = $1 AND id = $2 RETURNING id', [
      requireId(teamId, 'team'),
      requireId(targetId, 'target'),
    ]);
    if (!row) throw notFound('target');
  }
}
