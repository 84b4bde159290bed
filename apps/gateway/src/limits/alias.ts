/**
 * Alias limit, as a GraphQL validation rule.
 *
 * Threat model: aliases let one document run the same expensive field many times
 * (`a1: model(id: ..) { compatibilityMatrix } a2: ...`), which plain depth does not see. Each
 * operation may use at most `maximum` aliases, counting those inside the fragments it spreads (a
 * fragment spread twice counts twice). Tests: alias.test.ts, test/bad-input.test.ts.
 */
import { GraphQLError, Kind, type ASTVisitor, type FragmentDefinitionNode, type SelectionSetNode, type ValidationContext } from 'graphql';
import { ErrorCode } from '@edgepress/errors';
import { fragmentsOf } from './fragments';

export function countAliases(selectionSet: SelectionSetNode | undefined, fragments: Map<string, FragmentDefinitionNode>, memo = new Map<string, number>()): number {
  if (!selectionSet) return 0;
  let count = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      count += (selection.alias ? 1 : 0) + countAliases(selection.selectionSet, fragments, memo);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      count += countAliases(selection.selectionSet, fragments, memo);
    } else {
      const name = selection.name.value;
      if (!memo.has(name)) {
        memo.set(name, 0);
        memo.set(name, countAliases(fragments.get(name)?.selectionSet, fragments, memo));
      }
      count += memo.get(name) ?? 0;
    }
    // Stop early: a hostile document may multiply counts past any useful number.
    if (count > Number.MAX_SAFE_INTEGER / 4) return count;
  }
  return count;
}

export function aliasLimitRule(maximum: number): (context: ValidationContext) => ASTVisitor {
  return (context) => {
    const fragments = fragmentsOf(context.getDocument());
    const memo = new Map<string, number>();
    return {
      OperationDefinition(operation) {
        const actual = countAliases(operation.selectionSet, fragments, memo);
        if (actual > maximum) {
          context.reportError(
            new GraphQLError(`The query uses ${actual} aliases; at most ${maximum} are allowed`, {
              nodes: [operation],
              extensions: { code: ErrorCode.BAD_USER_INPUT, limit: 'aliases', maximum, actual },
            }),
          );
        }
      },
    };
  };
}
