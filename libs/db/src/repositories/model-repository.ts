import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { isForeignKeyViolation } from '../sql/database-errors';
import { containsPattern, setClause } from '../sql/filters';
import { JSON_LIMITS } from '../sql/limits';
import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireInteger, requireJsonObject, requireOneOf, requireSha256, requireText } from '../sql/validate';

export const MODEL_FORMATS = ['onnx'] as const;
export type ModelFormat = (typeof MODEL_FORMATS)[number];

/** Symbolic input dimensions one model may give values for. */
export const MAX_MODEL_DIMENSIONS = 64;

/**
 * An uploaded model: its bytes are the blob `blobSha256`; `summary` comes from libs/onnx, computed
 * with `dimensions` (values of symbolic input dimensions given at registration, e.g. batch = 1).
 */
export interface Model {
  id: string;
  teamId: string;
  name: string;
  description: string;
  format: ModelFormat;
  blobSha256: string;
  sizeBytes: number;
  summary: Record<string, unknown>;
  dimensions: Record<string, number>;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

interface ModelRow {
  id: string;
  team_id: string;
  name: string;
  description: string;
  format: ModelFormat;
  blob_sha256: string;
  size_bytes: number;
  summary: Record<string, unknown>;
  dimensions: Record<string, number>;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

function toModel(row: ModelRow): Model {
  return {
    id: row.id,
    teamId: row.team_id,
    name: row.name,
    description: row.description,
    format: row.format,
    blobSha256: row.blob_sha256,
    sizeBytes: row.size_bytes,
    summary: row.summary,
    dimensions: row.dimensions,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewModel {
  name: string;
  description?: string;
  format?: ModelFormat;
  blobSha256: string;
  sizeBytes: number;
  summary: Record<string, unknown>;
  /** Values of symbolic input dimensions by name (default none). */
  dimensions?: Record<string, number>;
  createdBy?: string | null;
}

/** Dimension values as stored: at most 64, named (1 to 200 characters), each an integer from 0 to 2^31 - 1. */
function requireDimensions(value: unknown, field: string): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected an object of dimension values for ${field}`, { details: { field } });
  }
  const entries = Object.entries(value);
  if (entries.length > MAX_MODEL_DIMENSIONS) {
    throw new EdgepressError(ErrorCode.BAD_USER_INPUT, `Expected at most ${MAX_MODEL_DIMENSIONS} dimension values for ${field} but received ${entries.length}`, { details: { field } });
  }
  for (const [name, size] of entries) {
    requireText(name, `${field} name`, 1, 200);
    requireInteger(size, `${field}.${name.slice(0, 40)}`, 0, 2 ** 31 - 1);
  }
  return JSON.stringify(value);
}

export class ModelRepository {
  constructor(private readonly db: Queryable) {}

  async create(teamId: string, input: NewModel): Promise<Model> {
    const row = await queryRow<ModelRow>(
      this.db,
      `INSERT INTO models (team_id, name, description, format, blob_sha256, size_bytes, summary, dimensions, created_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [
        requireId(teamId, 'team'),
        requireText(input.name, 'name', 1, 200),
        requireText(input.description ?? '', 'description', 0, 10000),
        requireOneOf(input.format ?? 'onnx', 'format', MODEL_FORMATS),
        requireSha256(input.blobSha256, 'blobSha256'),
        requireInteger(input.sizeBytes, 'sizeBytes', 0),
        requireJsonObject(input.summary, 'summary', JSON_LIMITS.modelSummary),
        requireDimensions(input.dimensions ?? {}, 'dimensions'),
        input.createdBy ? requireId(input.createdBy, 'account') : null,
      ],
    );
    return toModel(row);
  }

  async get(teamId: string, modelId: string): Promise<Model> {
    const row = await queryOne<ModelRow>(this.db, 'SELECT * FROM models WHERE team_id = $1 AND id = $2', [
      requireId(teamId, 'team'),
      requireId(modelId, 'model'),
    ]);
    if (!row) throw notFound('model');
    return toModel(row);
  }

  async list(teamId: string, filter: { search?: string } = {}, page?: PageArgs): Promise<Connection<Model>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const conditions = ['m.team_id = $1'];
    if (filter.search !== undefined) {
      values.push(containsPattern(filter.search));
      conditions.push(`m.name ILIKE $${values.length}`);
    }
    const window = pageQuery(page, 'm', values);
    const rows = await queryRows<ModelRow & CursorRow>(
      this.db,
      `SELECT m.*, ${cursorColumn('m')} FROM models m WHERE ${conditions.join(' AND ')} AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.id, toModel);
  }

  async update(teamId: string, modelId: string, changes: { name?: string; description?: string; summary?: Record<string, unknown> }): Promise<Model> {
    const values: unknown[] = [requireId(teamId, 'team'), requireId(modelId, 'model')];
    const set = setClause(
      {
        name: changes.name === undefined ? undefined : requireText(changes.name, 'name', 1, 200),
        description: changes.description === undefined ? undefined : requireText(changes.description, 'description', 0, 10000),
        summary: changes.summary === undefined ? undefined : requireJsonObject(changes.summary, 'summary', JSON_LIMITS.modelSummary),
      },
      values,
    );
    const row = await queryOne<ModelRow>(this.db, `UPDATE models SET ${set} WHERE team_id = $1 AND id = $2 RETURNING *`, values);
    if (!row) throw notFound('model');
    return toModel(row);
  }

  /** Deletes a model that no run refers to (runs keep their model: CONFLICT otherwise). */
  async delete(teamId: string, modelId: string): Promise<void> {
    let row: unknown;
    try {
      row = await queryOne(this.db, 'DELETE FROM models WHERE team_id = $1 AND id = $2 RETURNING id', [
        requireId(teamId, 'team'),
        requireId(modelId, 'model'),
      ]);
    } catch (error) {
      if (error instanceof EdgepressError && isForeignKeyViolation(error.cause)) {
        throw new EdgepressError(ErrorCode.CONFLICT, 'The model is used by runs; delete those runs first', { cause: error });
      }
      throw error;
    }
    if (!row) throw notFound('model');
  }
}
