import { cursorColumn, pageQuery, toConnection, type Connection, type CursorRow, type PageArgs } from '../sql/pagination';
import { queryOne, queryRow, queryRows, type Queryable } from '../sql/query';
import { notFound, requireId, requireOneOf, requireSlug, requireText } from '../sql/validate';
import type { Account } from './account-repository';
import { ROLES, type Role } from './roles';

export interface Team {
  id: string;
  slug: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Member {
  teamId: string;
  account: Account;
  role: Role;
  createdAt: Date;
  updatedAt: Date;
}

interface TeamRow {
  id: string;
  slug: string;
  name: string;
  created_at: Date;
  updated_at: Date;
}

interface MemberRow {
  team_id: string;
  account_id: string;
  role: Role;
  created_at: Date;
  updated_at: Date;
  email: string;
  display_name: string;
  account_created_at: Date;
  account_updated_at: Date;
}

function toTeam(row: TeamRow): Team {
  return { id: row.id, slug: row.slug, name: row.name, createdAt: row.created_at, updatedAt: row.updated_at };
}

function toMember(row: MemberRow): Member {
  const account: Account = {
    id: row.account_id,
    email: row.email,
    displayName: row.display_name,
    createdAt: row.account_created_at,
    updatedAt: row.account_updated_at,
  };
  return { teamId: row.team_id, account, role: row.role, createdAt: row.created_at, updatedAt: row.updated_at };
}

const MEMBER_SELECT = `
  SELECT m.team_id, m.account_id, m.role, m.created_at, m.updated_at, a.email, a.display_name,
         a.created_at AS account_created_at, a.updated_at AS account_updated_at, ${cursorColumn('m')}
  FROM members m JOIN accounts a ON a.id = m.account_id`;

/** Teams and their members. Every member method is scoped by the team id it is given. */
export class TeamRepository {
  constructor(private readonly db: Queryable) {}

  async create(input: { slug: string; name: string }): Promise<Team> {
    const row = await queryRow<TeamRow>(this.db, 'INSERT INTO teams (slug, name) VALUES ($1, $2) RETURNING *', [
      requireSlug(input.slug, 'slug'),
      requireText(input.name, 'name', 1, 200),
    ]);
    return toTeam(row);
  }

  async get(teamId: string): Promise<Team> {
    const row = await queryOne<TeamRow>(this.db, 'SELECT * FROM teams WHERE id = $1', [requireId(teamId, 'team')]);
    if (!row) throw notFound('team');
    return toTeam(row);
  }

  /** For bootstrapping (seed, `npm start`): finds a team by its public slug. */
  async findBySlug(slug: string): Promise<Team | null> {
    const row = await queryOne<TeamRow>(this.db, 'SELECT * FROM teams WHERE slug = $1', [requireSlug(slug, 'slug')]);
    return row ? toTeam(row) : null;
  }

  async rename(teamId: string, name: string): Promise<Team> {
    const row = await queryOne<TeamRow>(this.db, 'UPDATE teams SET name = $2 WHERE id = $1 RETURNING *', [
      requireId(teamId, 'team'),
      requireText(name, 'name', 1, 200),
    ]);
    if (!row) throw notFound('team');
    return toTeam(row);
  }

  async addMember(teamId: string, accountId: string, role: Role): Promise<Member> {
    const values = [requireId(teamId, 'team'), requireId(accountId, 'account'), requireOneOf(role, 'role', ROLES)];
    await queryOne(this.db, 'INSERT INTO members (team_id, account_id, role) VALUES ($1, $2, $3)', values);
    return this.getMember(teamId, accountId);
  }

  async getMember(teamId: string, accountId: string): Promise<Member> {
    const row = await queryOne<MemberRow>(this.db, `${MEMBER_SELECT} WHERE m.team_id = $1 AND m.account_id = $2`, [
      requireId(teamId, 'team'),
      requireId(accountId, 'member'),
    ]);
    if (!row) throw notFound('member');
    return toMember(row);
  }

  async setMemberRole(teamId: string, accountId: string, role: Role): Promise<Member> {
    const row = await queryOne(this.db, 'UPDATE members SET role = $3 WHERE team_id = $1 AND account_id = $2 RETURNING account_id', [
      requireId(teamId, 'team'),
      requireId(accountId, 'member'),
      requireOneOf(role, 'role', ROLES),
    ]);
    if (!row) throw notFound('member');
    return this.getMember(teamId, accountId);
  }

  async removeMember(teamId: string, accountId: string): Promise<void> {
    const row = await queryOne(this.db, 'DELETE FROM members WHERE team_id = $1 AND account_id = $2 RETURNING account_id', [
      requireId(teamId, 'team'),
      requireId(accountId, 'member'),
    ]);
    if (!row) throw notFound('member');
  }

  async listMembers(teamId: string, page?: PageArgs): Promise<Connection<Member>> {
    const values: unknown[] = [requireId(teamId, 'team')];
    const window = pageQuery(page, 'm', values, 'account_id');
    const rows = await queryRows<MemberRow & CursorRow>(
      this.db,
      `${MEMBER_SELECT} WHERE m.team_id = $1 AND ${window.condition} ${window.orderAndLimit}`,
      values,
    );
    return toConnection(rows, window.limit, (row) => row.account_id, toMember);
  }

  /** The teams an account belongs to, with its role in each (for switching teams). */
  async listTeamsOfAccount(accountId: string): Promise<{ team: Team; role: Role }[]> {
    const rows = await queryRows<TeamRow & { role: Role }>(
      this.db,
      'SELECT t.*, m.role FROM members m JOIN teams t ON t.id = m.team_id WHERE m.account_id = $1 ORDER BY t.name, t.id',
      [requireId(accountId, 'account')],
    );
    return rows.map((row) => ({ team: toTeam(row), role: row.role }));
  }
}
