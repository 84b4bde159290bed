import { Client } from 'pg';
import { migrate, MIGRATIONS_TABLE } from './migrate';
import { createTestDatabase, type TestDatabase } from './testing/test-database';

const TABLES = ['accounts', 'api_tokens', 'artifacts', 'blob_chunks', 'blobs', 'datasets', 'members', 'models', 'pipelines', 'plugin_versions', 'plugins', 'runs', 'stages', 'targets', 'teams'];

async function publicTables(url: string): Promise<string[]> {
  const client = new Client(url);
  await client.connect();
  try {
    const result = await client.query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> $1 ORDER BY table_name",
      [MIGRATIONS_TABLE],
    );
    return result.rows.map((row) => row.table_name);
  } finally {
    await client.end();
  }
}

describe('migrate', () => {
  let database: TestDatabase;
  afterEach(async () => database?.drop());

  it('creates the schema on an empty database and is a no-op the second time', async () => {
    database = await createTestDatabase({ migrate: false });
    expect(await publicTables(database.url)).toEqual([]);
    const first = await migrate(database.url);
    expect(first.applied).toEqual([
      '0001_teams-and-access',
      '0002_targets-models-datasets',
      '0003_plugins-and-pipelines',
      '0004_runs-stages-artifacts',
      '0005_blob-store',
      '0006_model-dimensions',
      '0007_html-report-artifacts',
    ]);
    expect(await publicTables(database.url)).toEqual(TABLES);
    const second = await migrate(database.url);
    expect(second.applied).toEqual([]);
    expect(await publicTables(database.url)).toEqual(TABLES);
  });

  it('is safe when several processes migrate the same database at once', async () => {
    database = await createTestDatabase({ migrate: false });
    const results = await Promise.all([migrate(database.url), migrate(database.url), migrate(database.url)]);
    const applied = results.flatMap((result) => result.applied);
    expect(applied).toHaveLength(7);
    expect(new Set(applied).size).toBe(7);
    expect(await publicTables(database.url)).toEqual(TABLES);
  });

  it('reports an unreachable server as UNAVAILABLE without the connection string', async () => {
    const error = await migrate('postgres://postgres:secret-password@127.0.0.1:1/nowhere').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'UNAVAILABLE' });
    expect(JSON.stringify(error)).not.toContain('secret-password');
    expect((error as Error).message).not.toContain('secret-password');
  });
});
