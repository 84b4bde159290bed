import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { generateTypes, OUTPUT_FILE, readOperations, SCHEMA_FILE, validateOperations } from './graphql-codegen';

describe('generated GraphQL types', () => {
  it('are what the committed SDL and the operations produce (run `npm run codegen -w @edgepress/web` after changing either)', async () => {
    expect(readFileSync(OUTPUT_FILE, 'utf8')).toBe(await generateTypes());
  }, 30_000);

  it('refuse an operation that does not match the SDL, naming the field', () => {
    const sdl = 'type Query { viewer: Viewer! } type Viewer { role: String! }';
    expect(validateOperations(sdl, [{ location: 'x.graphql', document: parse('query Q { viewer { role team } }') }])).toEqual(['Cannot query field "team" on type "Viewer".']);
    expect(validateOperations(readFileSync(SCHEMA_FILE, 'utf8'), readOperations())).toEqual([]);
  });
});
