import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { queryOne, queryRow, type Queryable } from '../sql/query';
import { requireId, requireText } from '../sql/validate';

export interface Account {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
  updatedAt: Date;
}

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  created_at: Date;
  updated_at: Date;
}

function toAccount(row: AccountRow): Account {
  return { id: row.id, email: row.email, displayName: row.display_name, createdAt: row.created_at, updatedAt: row.updated_at };
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/** People who can belong to teams. Accounts are not team data; members (TeamRepository) are. */
export class AccountRepository {
  constructor(private readonly db: Queryable) {}

  async create(input: { email: string; displayName: string }): Promise<Account> {
    const email = requireText(input.email, 'email', 3, 320);
    if (!EMAIL.test(email)) throw new EdgepressError(ErrorCode.BAD_USER_INPUT, 'Expected an e-mail address for email', { details: { field: 'email' } });
    const displayName = requireText(input.displayName, 'displayName', 1, 200);
    const row = await queryRow<AccountRow>(this.db, 'INSERT INTO accounts (email, display_name) VALUES ($1, $2) RETURNING *', [email, displayName]);
    return toAccount(row);
  }

  async get(accountId: string): Promise<Account> {
    const id = requireId(accountId, 'account');
    const row = await queryOne<AccountRow>(this.db, 'SELECT * FROM accounts WHERE id = $1', [id]);
    if (!row) throw new EdgepressError(ErrorCode.NOT_FOUND, 'No account with this id exists', { details: { entity: 'account' } });
    return toAccount(row);
  }

  async findByEmail(email: string): Promise<Account | null> {
    const row = await queryOne<AccountRow>(this.db, 'SELECT * FROM accounts WHERE lower(email) = lower($1)', [requireText(email, 'email', 3, 320)]);
    return row ? toAccount(row) : null;
  }
}
