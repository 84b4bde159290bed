import { randomUUID } from 'node:crypto';
import { expectCode, useDatabase } from '../testing/fixtures';

describe('AccountRepository', () => {
  const env = useDatabase();

  it('creates accounts and finds them by e-mail regardless of case', async () => {
    const account = await env.db.accounts.create({ email: 'Grace@Example.com', displayName: 'Grace' });
    expect(await env.db.accounts.get(account.id)).toEqual(account);
    expect(await env.db.accounts.findByEmail('grace@example.COM')).toEqual(account);
    expect(await env.db.accounts.findByEmail('nobody@example.com')).toBeNull();
  });

  it('keeps e-mail addresses unique ignoring case', async () => {
    await env.db.accounts.create({ email: 'linus@example.com', displayName: 'Linus' });
    await expect(env.db.accounts.create({ email: 'LINUS@example.com', displayName: 'Other' })).rejects.toMatchObject({
      code: 'CONFLICT',
      details: { field: 'email' },
    });
  });

  it('rejects malformed input and unknown ids', async () => {
    await expectCode(env.db.accounts.create({ email: 'not-an-email', displayName: 'X' }), 'BAD_USER_INPUT');
    await expectCode(env.db.accounts.create({ email: 'x@example.com', displayName: '' }), 'BAD_USER_INPUT');
    await expectCode(env.db.accounts.get(randomUUID()), 'NOT_FOUND');
  });
});
