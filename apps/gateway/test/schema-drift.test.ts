import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildSchema, findBreakingChanges } from 'graphql';
import { buildGatewaySchema, printGatewaySchema } from '../src';

/** apps/gateway/schema.graphql is what clients (console, CLI) build against: it must be the code's schema. */
describe('schema.graphql', () => {
  it('matches the schema the code builds (run `npm run schema -w @edgepress/gateway` after changing the API)', async () => {
    const committed = readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8');
    const current = printGatewaySchema(await buildGatewaySchema());
    if (committed !== current) {
      const changes = findBreakingChanges(buildSchema(committed), buildSchema(current)).map((change) => change.description);
      throw new Error(`schema.graphql is out of date (${changes.length} breaking change(s): ${changes.slice(0, 5).join('; ') || 'additions only'}); run npm run schema -w @edgepress/gateway`);
    }
  });
});
