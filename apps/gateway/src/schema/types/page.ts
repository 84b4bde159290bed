import { ArgsType, Field, Int, ObjectType, type ClassType } from 'type-graphql';

@ObjectType('PageInfo', { description: 'Relay-style forward pagination: pass endCursor as `after` to read the next page' })
export class PageInfoType {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

@ArgsType()
export class PageArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20)' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'The endCursor of the previous page' })
  after?: string | null;
}

/** A connection as resolvers return it: the repositories' shape plus `nodes` for convenience. */
export interface ConnectionValue<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function withNodes<T, U = T>(connection: { edges: { cursor: string; node: T }[]; pageInfo: ConnectionValue<T>['pageInfo'] }, map?: (node: T) => U): ConnectionValue<U> {
  const edges = connection.edges.map((edge) => ({ cursor: edge.cursor, node: map ? map(edge.node) : (edge.node as unknown as U) }));
  return { edges, nodes: edges.map((edge) => edge.node), pageInfo: connection.pageInfo };
}

/** Declares `<Name>Connection` and `<Name>Edge` object types for a node type. */
export function connectionType(name: string, node: () => ClassType | object): ClassType {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(node)
    node!: unknown;
  }

  @ObjectType(`${name}Connection`)
  class Connection {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => [node()], { description: 'The nodes of `edges`, in order' })
    nodes!: unknown[];

    @Field(() => PageInfoType)
    pageInfo!: PageInfoType;
  }

  return Connection;
}
