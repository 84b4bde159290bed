import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { aliasLimitRule, countAliases } from './alias';
import { operationCost } from './cost';
import { depthLimitRule, selectionDepth } from './depth';
import { fragmentsOf } from './fragments';

// A small schema with the same shapes as the gateway's (a cycle, a connection, plain lists).
const schema = buildSchema(`
  type Query { runs(first: Int): RunConnection! run(id: ID!): Run model: Model }
  type RunConnection { edges: [RunEdge!]! nodes: [Run!]! }
  type RunEdge { node: Run! cursor: String! }
  type Run { id: ID! model: Model! stages: [Stage!]! }
  type Stage { index: Int! }
  type Model { id: ID! runs(first: Int): RunConnection! compatibility(targetId: String!): Report! compatibilityMatrix: [Report!]! }
  type Report { fits: Boolean! }
`);

function depthOf(query: string): number {
  const document = parse(query);
  const operation = document.definitions.find((definition) => definition.kind === 'OperationDefinition');
  return selectionDepth(operation && 'selectionSet' in operation ? operation.selectionSet : undefined, fragmentsOf(document));
}

describe('depth', () => {
  it('counts nested fields, through inline fragments and fragment spreads', () => {
    expect(depthOf('{ model { id } }')).toBe(2);
    expect(depthOf('{ runs { nodes { model { runs { nodes { id } } } } } }')).toBe(6);
    expect(depthOf('{ run(id: 1) { ... on Run { model { ...M } } } } fragment M on Model { runs { nodes { id } } }')).toBe(5);
  });

  it('survives fragment cycles (reported by NoFragmentCycles) and reports too deep operations', () => {
    const cyclic = parse('{ model { ...A } } fragment A on Model { runs { nodes { model { ...A } } } }');
    const errors = validate(schema, cyclic, [...specifiedRules, depthLimitRule(3)]);
    expect(errors.map((error) => error.message).join(' ')).toMatch(/Cannot spread fragment "A" within itself/);
    const deep = validate(schema, parse('{ runs { nodes { model { runs { nodes { id } } } } } }'), [depthLimitRule(5)]);
    expect(deep).toHaveLength(1);
    expect(deep[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth', maximum: 5, actual: 6 });
    expect(validate(schema, parse('{ runs { nodes { model { runs { nodes { id } } } } } }'), [depthLimitRule(6)])).toEqual([]);
  });

  it('measures a fragment used many times once (no exponential blow-up)', () => {
    const fragments = Array.from({ length: 30 }, (_, index) => `fragment F${index} on Model { a: runs { nodes { model { ...F${index + 1} } } } b: runs { nodes { model { ...F${index + 1} } } } }`);
    const document = `{ model { ...F0 } } ${fragments.join(' ')} fragment F30 on Model { id }`;
    const started = Date.now();
    // model, then runs > nodes > model per fragment level, then id.
    expect(depthOf(document)).toBe(1 + 30 * 3 + 1);
    expect(Date.now() - started).toBeLessThan(500);
  });
});

describe('aliases', () => {
  it('counts aliases, multiplying those of fragments by their spreads', () => {
    const document = parse('{ a: model { id } b: model { ...F } c: model { ...F } } fragment F on Model { x: id y: id }');
    const operation = document.definitions[0];
    expect(countAliases('selectionSet' in operation ? operation.selectionSet : undefined, fragmentsOf(document))).toBe(7);
    const errors = validate(schema, document, [aliasLimitRule(6)]);
    expect(errors[0].extensions).toMatchObject({ limit: 'aliases', maximum: 6, actual: 7 });
    expect(validate(schema, document, [aliasLimitRule(7)])).toEqual([]);
  });
});

describe('cost', () => {
  const cost = (query: string, variables: Record<string, unknown> = {}) => operationCost(schema, parse(query), { variables });

  it('multiplies children by first (literal, variable or the default page of 20), not again for edges/nodes', () => {
    // runs (1) + 5 x (nodes (1) + 1 x id (1)) = 11
    expect(cost('{ runs(first: 5) { nodes { id } } }')).toBe(11);
    expect(cost('query($n: Int) { runs(first: $n) { nodes { id } } }', { n: 7 })).toBe(1 + 7 * 2);
    expect(cost('{ runs { nodes { id } } }')).toBe(1 + 20 * 2);
    // A first above the page maximum counts as 100; a non-numeric one too.
    expect(cost('{ runs(first: 5000) { nodes { id } } }')).toBe(1 + 100 * 2);
    expect(cost('query($n: Int) { runs(first: $n) { nodes { id } } }', { n: 'x' })).toBe(1 + 100 * 2);
  });

  it('uses list sizes for plain lists and extra cost for computed fields', () => {
    // run (1) + stages (1 + 10 x index (1)) = 12
    expect(cost('{ run(id: 1) { stages { index } } }')).toBe(12);
    // model (1) + compatibility (5 + fits 1) = 7
    expect(cost('{ model { compatibility(targetId: "x") { fits } } }')).toBe(7);
    // model (1) + compatibilityMatrix (5 + 60 x fits 1) = 66
    expect(cost('{ model { compatibilityMatrix { fits } } }')).toBe(66);
  });

  it('grows with nesting that depth and alias limits allow', () => {
    const nested = 'query($n: Int) { runs(first: $n) { nodes { model { runs(first: $n) { nodes { stages { index } } } } } } }';
    expect(cost(nested, { n: 100 })).toBeGreaterThan(100_000);
    expect(cost(nested, { n: 2 })).toBeLessThan(200);
    expect(cost('{ __typename }')).toBe(0);
  });

  it('counts fragments on their type, once per spread', () => {
    expect(cost('{ run(id: 1) { ...R } model { runs(first: 2) { nodes { ...R } } } } fragment R on Run { id stages { index } }')).toBe(
      1 + (1 + 11) + 1 + (1 + 2 * (1 + (1 + 11))),
    );
  });
});
