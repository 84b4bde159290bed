/** `npm run codegen -w @edgepress/web`: regenerates src/gen/graphql.ts (see graphql-codegen.ts). */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { generateTypes, OUTPUT_FILE } from './graphql-codegen';

generateTypes().then(
  (source) => {
    mkdirSync(path.dirname(OUTPUT_FILE), { recursive: true });
    writeFileSync(OUTPUT_FILE, source);
    process.stdout.write(`wrote ${path.relative(process.cwd(), OUTPUT_FILE)} (${source.length} characters)\n`);
  },
  (error: unknown) => {
    process.stderr.write(`codegen: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
