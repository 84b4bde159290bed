import { containsPattern, setClause } from '../sql/filters';
import { JSON_LIMITS } from '../sql/limits';
import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireJsonObject, requireText } from '../sql/validate';

/**
 * A saved pipeline. `spec` (target id, ordered stages {plugin, versionRange, params}, datasets,
 * constraints) is libs/pipeline's document, validated there; here it is stored as given.
 */
export interface Pipeline {
  id: string;
  teamId: string;
  name: string;
  description: string;
  spec: Record<string, unknown>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface PipelineRow {
  id: string;
  team_id: string;
  name: string;
  description: string;
  spec: Record<string, unknown>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

function toPipeline(row: PipelineRow): Pipeline {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    description: row.description,
    spec: row.spec,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class PipelineRepository {
  constructor(private readonly db: Queryable) {}

  async create(
    teamId: string,
    input: { name: string; description?: string; spec: Record<string, unknown>; createdBy?: string | null },
  ): Promise<Pipeline> {
    const row = await queryRow<PipelineRow>(
      this.db,
      'INSERT INTO pipelines (team_id, name, description, spec, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING *',
      [
        requireId(teamId, 'team'),
        requireText(input.name, 'name', 1, 200),
        requireText(input.description ?? '', 'description', 0, 10000),
        requireJsonObject(input.spec, 'spec', JSON_LIMITS.pipelineSpec),
        input.createdBy ? requireId(input.createdBy, 'account') : null,
      ],
    );
    return toPipeline(row);
  }

  async get(teamId: string, pipelineId: string): Promise<Pipeline> {
    const row = await queryOne<PipelineRow>(this.db, 'SELECT * FROM pipelines WHERE team_id = $1 AND id = $2', [
      requireId(teamId, 'team'),
      requireId(pipelineId, 'pipeline'),
    ]);
    if (!row) throw notFound('pipeline');
    return toPipeline(row);
  }

  async list(teamId: string, filter: { search?: string } = {}, page?: PageArgs): Promise<Connection<Pipeline>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const conditions = ['p.team_id = $1'];
    if (filter.search !== undefined) {
      values.push(containsPattern(filter.search));
      conditions.push(`p.name ILIKE $${values.length}`);
    }
    const window = pageQuery(page, 'p', values);
    const rows = await queryRows<PipelineRow & CursorRow>(
      this.db,
      `SELECT p.*, ${cursorColumn('p')} FROM pipelines p WHERE ${conditions.join(' AND ')} AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toPipeline);
  }

  async update(teamId: string, pipelineId: string, changes: { name?: string; description?: string; spec?: Record<string, unknown> }): Promise<Pipeline> {
    const values: unknown[] = [requireId(teamId, 'team'), requireId(pipelineId, 'pipeline')];
    const set = setClause(
      {
        name: changes.name === undefined ? undefined : requireText(changes.name, 'name', 1, 200),
        description: changes.description === undefined ? undefined : requireText(changes.description, 'description', 0, 10000),
        spec: changes.spec === undefined ? undefined : requireJsonObject(changes.spec, 'spec', JSON_LIMITS.pipelineSpec),
      },
      values,
    );
    const row = await queryOne<PipelineRow>(this.db, `UPDATE pipelines SET ${set} WHERE team_id = $1 AND id = $2 RETURNING *`, values);
    if (!row) throw notFound('pipeline');
    return toPipeline(row);
  }

  async delete(teamId: string, pipelineId: string): Promise<void> {
    const row = await queryOne(this.db, 'DELETE FROM pipelines WHERE team_id = $1 AND id = $2 RETURNING id', [
      requireId(teamId, 'team'),
      requireId(pipelineId, 'pipeline'),
    ]);
    if (!row) throw notFound('pipeline');
  }
}
