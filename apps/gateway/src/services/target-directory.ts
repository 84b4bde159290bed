import { EdgepressError, ErrorCode } from '@edgepress/errors';
import type { Database, TeamTarget } from '@edgepress/db';
import { defineTarget, getTarget, listTargets, type HardwareTarget, type Precision, type TargetKind } from '@edgepress/targets';
import { toTargetView, type TargetView } from './target-view';

/**
 * The targets a team sees: the catalog (libs/targets, in code) followed by the team's own targets
 * (PostgreSQL, newest first). Both are addressed by the same kind of id; a team target may never take a catalog
 * id (createTarget refuses it), so an id names one target for a team.
 */

export interface TargetListFilter {
  kind?: TargetKind | null;
  /** Targets that accelerate this precision. */
  precision?: Precision | null;
  /** At least this much working memory (memory.ramBytes). */
  minMemoryBytes?: number | null;
  /** Case-insensitive match on id, name or vendor. */
  search?: string | null;
  /** true: catalog only; false: the team's own only. */
  builtin?: boolean | null;
}

/** How many of a team's own targets one listing reads (100 pages of the repository's maximum). */
const MAX_TEAM_TARGETS = 10_000;

export async function resolveTarget(db: Pick<Database, 'targets'>, teamId: string, id: string): Promise<TargetView> {
  if (listTargets().some((target) => target.id === id)) return toTargetView(getTarget(id), null);
  const row = /^[a-z0-9][a-z0-9-]{0,62}$/.test(id) ? await db.targets.findBySlug(teamId, id) : null;
  if (!row) {
    throw new EdgepressError(ErrorCode.NOT_FOUND, `No hardware target ${JSON.stringify(id.slice(0, 64))} exists in the catalog or in this team`, {
      details: { entity: 'target' },
    });
  }
  return teamTargetView(row);
}

export function teamTargetView(row: TeamTarget): TargetView {
  return toTargetView(defineTarget(row.spec), row);
}

export async function listVisibleTargets(db: Pick<Database, 'targets'>, teamId: string, filter: TargetListFilter): Promise<TargetView[]> {
  const views: TargetView[] = [];
  if (filter.builtin !== false) views.push(...listTargets().map((target) => toTargetView(target, null)));
  if (filter.builtin !== true) {
    let after: string | null = null;
    for (let read = 0; read < MAX_TEAM_TARGETS; read += 100) {
      const page = await db.targets.list(teamId, filter.kind ? { kind: filter.kind } : {}, { first: 100, after });
      views.push(...page.edges.map((edge) => teamTargetView(edge.node)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
  }
  return views.filter((view) => matches(view.definition, filter));
}

function matches(target: HardwareTarget, filter: TargetListFilter): boolean {
  if (filter.kind && target.kind !== filter.kind) return false;
  if (filter.precision && !target.precisions.includes(filter.precision)) return false;
  if (typeof filter.minMemoryBytes === 'number' && target.memory.ramBytes < filter.minMemoryBytes) return false;
  if (filter.search) {
    const needle = filter.search.toLowerCase();
    if (![target.id, target.name, target.vendor].some((text) => text.toLowerCase().includes(needle))) return false;
  }
  return true;
}

/** Whether an id is a catalog id (team targets may not take one). */
export function isCatalogId(id: string): boolean {
  return listTargets().some((target) => target.id === id);
}
