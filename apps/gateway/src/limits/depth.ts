/**
 * Query depth limit, as a GraphQL validation rule.
 *
 * Threat model: the schema has cycles (Run.model -> Model.runs -> Run.model ...), so a small
 * document can ask for an arbitrarily deep tree. Depth counts nested fields of each operation,
 * expanding fragment spreads (memoized per fragment, so a fragment used many times is measured once;
 * a fragment cycle counts as nothing here and is reported by GraphQL's own NoFragmentCycles rule).
 * Tests: depth.test.ts, test/bad-input.test.ts (a depth bomb over HTTP).
 */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from '@edgepress/errors';
import { fragmentsOf } from './fragments';

export function selectionDepth(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, memo = new Map<string, number>()): number {
  if (!selectionSet) return 0;
  let deepest = 0;
  for (const selection of selectionSet.selections) {
    let depth = 0;
    if (selection.kind === Kind.FIELD) {
      depth = 1 + selectionDepth(selection.selectionSet, fragments, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      depth = selectionDepth(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        memo.set(name, 0); // in progress: a cycle contributes nothing
        memo.set(name, selectionDepth(fragments.get(name)?.selectionSet, fragments, memo));
      }
      depth = memo.get(name) ?? 0;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

export function depthLimitRule(maximum: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = fragmentsOf(context.getDocument());
    const memo = new Map<string, number>();
    return {
      OperationDefinition(operation) {
        const actual = selectionDepth(operation.selectionSet, fragments, memo);
        if (actual > maximum) {
          context.reportError(
            new GraphQLError(`The query is ${actual} levels deep; at most ${maximum} are allowed`, {
              nodes: [operation],
              extensions: { code: ErrorCode.BAD_USER_INPUT, limit: 'depth', maximum, actual },
            }),
          );
        }
      },
    };
  };
}
