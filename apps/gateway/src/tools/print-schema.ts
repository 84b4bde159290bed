/**
 * `npm run schema -w @edgepress/gateway`: writes apps/gateway/schema.graphql from the code's
 * schema (test/schema-drift.test.ts fails when the committed file is out of date).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildGatewaySchema, printGatewaySchema } from '../schema/build-schema';

export const SCHEMA_FILE = path.resolve(__dirname, '../../schema.graphql');

async function main(): Promise<void> {
  const sdl = printGatewaySchema(await buildGatewaySchema());
  writeFileSync(SCHEMA_FILE, sdl);
  process.stdout.write(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)} (${sdl.split('\n').length} lines)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
