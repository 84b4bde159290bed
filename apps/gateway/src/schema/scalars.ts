/**
 * Scalars from graphql-scalars: DateTime (ISO 8601), JSON / JSONObject (free-form documents such as
 * a plugin's params JSON Schema or a target definition) and SafeInt (byte counts and parameter
 * counts, which exceed GraphQL's 32-bit Int but stay below 2^53).
 */
export { GraphQLDateTime as DateTimeScalar, GraphQLJSON as JsonScalar, GraphQLJSONObject as JsonObjectScalar, GraphQLSafeInt as SafeIntScalar } from 'graphql-scalars';
