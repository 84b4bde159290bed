import Ajv2020 from 'ajv/dist/2020';
import { getTarget, listTargets } from '@edgepress/targets';
import { codes, graphql, ok } from './support/graphql-client';
import { startHarness, type Harness } from './support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const LIST = `query($filter: TargetFilter, $first: Int, $after: String) { targets(filter: $filter, first: $first, after: $after) {
  nodes { id kind builtin precisions memory { ramBytes } } pageInfo { hasNextPage endCursor } } }`;

async function allIds(filter: Record<string, unknown>): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (;;) {
    const page: { targets: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } } = await ok(h.url, h.a.tokens.viewer, LIST, { filter, first: 7, after });
    ids.push(...page.targets.nodes.map((node) => node.id));
    if (!page.targets.pageInfo.hasNextPage) return ids;
    after = page.targets.pageInfo.endCursor;
  }
}

describe('targets', () => {
  it('pages through the catalog and filters by kind, precision and memory like libs/targets', async () => {
    expect(await allIds({})).toEqual(listTargets().map((target) => target.id));
    expect(await allIds({ kind: 'MCU' })).toEqual(listTargets().filter((target) => target.kind === 'mcu').map((target) => target.id));
    expect(await allIds({ precision: 'INT4' })).toEqual(listTargets().filter((target) => target.precisions.includes('int4')).map((target) => target.id));
    const gib = 2 ** 30;
    expect(await allIds({ minMemoryBytes: 4 * gib, kind: 'CPU' })).toEqual(listTargets().filter((target) => target.kind === 'cpu' && target.memory.ramBytes >= 4 * gib).map((target) => target.id));
  });

  it('shows every figure of a target with its sources, per kind', async () => {
    const data = await ok(h.url, h.a.tokens.viewer, `{ target(id: "raspberry-pi-4") { id name builtin peakMacsPerSecond { precision macsPerSecond } sources { title url }
      quantizationRequirements { reduceRange allowedPrecisions } ... on CpuTarget { architecture cores clockHz isaFeatures } } }`);
    const pi = getTarget('raspberry-pi-4');
    expect(data.target).toMatchObject({ id: pi.id, name: pi.name, builtin: true, architecture: 'arm64', isaFeatures: ['neon'], quantizationRequirements: { allowedPrecisions: ['FP32', 'INT8'] } });
    expect(data.target.peakMacsPerSecond).toEqual([
      { precision: 'FP32', macsPerSecond: pi.peakMacsPerSecond.fp32 },
      { precision: 'INT8', macsPerSecond: pi.peakMacsPerSecond.int8 },
    ]);
    expect(data.target.sources.map((source: { title: string }) => source.title)).toEqual(pi.sources.map((source) => source.title));
  });

  it('publishes a JSON Schema that accepts every catalog definition and refuses a broken one', async () => {
    const { targetDefinitionSchema } = await ok(h.url, h.a.tokens.viewer, '{ targetDefinitionSchema }');
    const { $schema: _ignored, ...schema } = targetDefinitionSchema;
    const validate = new Ajv2020({ strict: false }).compile(schema);
    for (const target of listTargets()) expect(validate(JSON.parse(JSON.stringify(target)))).toBe(true);
    expect(validate({ ...JSON.parse(JSON.stringify(getTarget('raspberry-pi-4'))), cores: 'four' })).toBe(false);
  });

  it('creates, edits and deletes a team target', async () => {
    const definition = { ...JSON.parse(JSON.stringify(getTarget('raspberry-pi-4'))), id: 'lab-board', name: 'Lab board' };
    const created = await ok(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { createTarget(definition: $d) { id builtin name createdAt definition } }', { d: definition });
    expect(created.createTarget).toMatchObject({ id: 'lab-board', builtin: false, name: 'Lab board' });
    expect(await allIds({ builtin: false })).toEqual(['lab-board']);
    const duplicate = await graphql(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { createTarget(definition: $d) { id } }', { d: definition });
    expect(codes(duplicate)).toEqual(['CONFLICT']);
    const renamed = await ok(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { updateTarget(id: "lab-board", definition: $d) { name memory { ramBytes } } }', {
      d: { ...definition, id: undefined, name: 'Lab board v2', memory: { ...definition.memory, ramBytes: 2 ** 31 } },
    });
    expect(renamed.updateTarget).toEqual({ name: 'Lab board v2', memory: { ramBytes: 2 ** 31 } });
    const moved = await graphql(h.url, h.a.tokens.admin, 'mutation($d: JSONObject!) { updateTarget(id: "lab-board", definition: $d) { id } }', { d: { ...definition, id: 'other-id' } });
    expect(codes(moved)).toEqual(['BAD_USER_INPUT']);
    expect((await ok(h.url, h.a.tokens.admin, 'mutation { deleteTarget(id: "lab-board") }')).deleteTarget).toBe('lab-board');
    expect(codes(await graphql(h.url, h.a.tokens.viewer, '{ target(id: "lab-board") { id } }'))).toEqual(['NOT_FOUND']);
  });
});
