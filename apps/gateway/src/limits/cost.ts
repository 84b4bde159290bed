/**
 * Query cost limit: an upper estimate of the work an operation asks for, checked with the
 * request's variables before execution (an Apollo plugin over HTTP, onSubscribe over WebSocket).
 *
 * Threat model: depth and alias limits still let a document fan out: `runs(first: 100)` with each
 * run's model's runs(first: 100) is shallow but asks for 10 000 runs. Cost multiplies: each field
 * costs 1 (more for fields listed in FIELD_COSTS, which compute something per call), plus its
 * children's cost times its fan-out: `first` (a literal, a variable, or the default page size) for
 * connections, LIST_SIZES or DEFAULT_LIST_SIZE for other list fields. Fragments are expanded and
 * memoized per fragment and parent type; inline fragments on an interface are added up (an over-
 * estimate is safe). Tests: cost.test.ts, test/bad-input.test.ts (a cost bomb over HTTP).
 */
import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isCompositeType,
  isListType,
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type GraphQLField,
  type GraphQLOutputType,
  type SelectionSetNode,
  isObjectType,
  isInterfaceType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
} from 'graphql';
import { ErrorCode } from '@edgepress/errors';
import { fragmentsOf } from './fragments';

/** Fields that compute something per call (libs/targets, libs/onnx) cost more than a lookup. */
const FIELD_COSTS: Readonly<Record<string, number>> = {
  'Model.compatibility': 5,
  'Model.estimate': 5,
  'Model.compatibilityMatrix': 5,
};

/** Expected sizes of list fields that are not connections. */
const LIST_SIZES: Readonly<Record<string, number>> = {
  'Model.compatibilityMatrix': 60,
  'RooflineEstimate.perLayer': 100,
  'Run.stages': 10,
  'Run.artifacts': 10,
};

const DEFAULT_LIST_SIZE = 10;
const INTROSPECTION_LIST_SIZE = 3;
const DEFAULT_PAGE_SIZE = 20;
const MAX_PAGE_SIZE = 100;

export interface CostOptions {
  variables?: Readonly<Record<string, unknown>>;
  operationName?: string | null;
}

export function operationCost(schema: GraphQLSchema, document: DocumentNode, options: CostOptions = {}): number {
  const operation = document.definitions.find(
    (definition) => definition.kind === Kind.OPERATION_DEFINITION && (!options.operationName || definition.name?.value === options.operationName),
  );
  if (!operation || operation.kind !== Kind.OPERATION_DEFINITION) return 0;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const walker = new CostWalker(schema, fragmentsOf(document), options.variables ?? {});
  return walker.selectionCost(operation.selectionSet, root);
}

class CostWalker {
  private readonly memo = new Map<string, number>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly fragments: Map<string, FragmentDefinitionNode>,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  selectionCost(selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType): number {
    if (!selectionSet) return 0;
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += this.fieldCost(selection, parent);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += this.selectionCost(selection.selectionSet, this.conditionType(selection.typeCondition?.name.value) ?? parent);
      } else {
        const fragment = this.fragments.get(selection.name.value);
        if (!fragment) continue;
        const type = this.conditionType(fragment.typeCondition.name.value) ?? parent;
        const key = `${fragment.name.value}@${type.name}`;
        if (!this.memo.has(key)) {
          this.memo.set(key, 0); // a cycle adds nothing (NoFragmentCycles rejects it anyway)
          this.memo.set(key, this.selectionCost(fragment.selectionSet, type));
        }
        total += this.memo.get(key) ?? 0;
      }
      if (total > Number.MAX_SAFE_INTEGER / 1024) return total;
    }
    return total;
  }

  private fieldCost(field: FieldNode, parent: GraphQLCompositeType): number {
    const name = field.name.value;
    if (name === '__typename') return 0;
    const definition = name === '__schema' ? SchemaMetaFieldDef : name === '__type' ? TypeMetaFieldDef : fieldsOf(parent)[name];
    if (!definition) return 1;
    const key = `${parent.name}.${name}`;
    const named = getNamedType(definition.type);
    const children = isCompositeType(named) ? this.selectionCost(field.selectionSet, named) : 0;
    return (FIELD_COSTS[key] ?? 1) + this.fanOut(field, key, definition, parent.name) * children;
  }

  private fanOut(field: FieldNode, key: string, definition: GraphQLField<unknown, unknown>, parentName: string): number {
    const type: GraphQLOutputType = definition.type;
    const first = field.arguments?.find((argument) => argument.name.value === 'first');
    // A paginated field read without `first` returns the default page.
    if (!first && definition.args.some((argument) => argument.name === 'first')) return DEFAULT_PAGE_SIZE;
    if (first) {
      const value = first.value.kind === Kind.VARIABLE ? this.variables[first.value.name.value] : first.value.kind === Kind.INT ? Number(first.value.value) : undefined;
      if (value === undefined || value === null) return DEFAULT_PAGE_SIZE;
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? Math.min(value, MAX_PAGE_SIZE) : MAX_PAGE_SIZE;
    }
    if (!isListType(getNullableType(type))) return 1;
    // edges/nodes of a connection: the connection field already multiplied by `first`.
    if (parentName.endsWith('Connection')) return 1;
    // Introspection lists (types, fields, args) are counted lightly so that the standard
    // introspection query passes, while nesting them (types -> fields -> type -> fields ...) still grows fast.
    if (parentName.startsWith('__')) return INTROSPECTION_LIST_SIZE;
    return LIST_SIZES[key] ?? DEFAULT_LIST_SIZE;
  }

  private conditionType(name: string | undefined): GraphQLCompositeType | undefined {
    if (!name) return undefined;
    const type = this.schema.getType(name);
    return type && isCompositeType(type) ? type : undefined;
  }
}

function fieldsOf(type: GraphQLCompositeType): Record<string, GraphQLField<unknown, unknown>> {
  return isObjectType(type) || isInterfaceType(type) ? type.getFields() : {};
}

export function costLimitError(actual: number, maximum: number): GraphQLError {
  return new GraphQLError(`The query would cost ${actual} points; at most ${maximum} are allowed (lower \`first\` or ask for fewer fields)`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, limit: 'cost', maximum, actual, http: { status: 400 } },
  });
}
