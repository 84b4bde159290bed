import { GraphQLError } from 'graphql';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { formatPublicError, needsLogging } from './format-error';

const format = (error: unknown) => formatPublicError(error instanceof GraphQLError ? error.toJSON() : { message: String(error) }, error);

describe('formatPublicError', () => {
  it('keeps an EdgepressError\'s code, message and details, wherever it is wrapped', () => {
    const cause = new EdgepressError(ErrorCode.NOT_FOUND, 'No model with this id exists in this team', { details: { entity: 'model' } });
    const located = new GraphQLError(cause.message, { originalError: cause, path: ['model'] });
    expect(format(located)).toEqual({ message: cause.message, path: ['model'], extensions: { code: 'NOT_FOUND', details: { entity: 'model' } } });
    expect(needsLogging(located)).toBe(false);
  });

  it('masks anything else, including errors that mention secrets', () => {
    const leak = new GraphQLError('x', { originalError: new Error('password authentication failed for postgres://u:p@h/db'), path: ['runs'] });
    expect(format(leak)).toEqual({ message: 'Internal error', path: ['runs'], extensions: { code: 'INTERNAL' } });
    expect(needsLogging(leak)).toBe(true);
    const internal = new GraphQLError('x', { originalError: new EdgepressError(ErrorCode.INTERNAL, 'Internal error', { cause: new Error('disk') }), path: ['a'] });
    expect(needsLogging(internal)).toBe(true);
  });

  it('turns request errors (parse, validation, limits) into BAD_USER_INPUT with their reason and limit', () => {
    const validation = new GraphQLError('The query is 20 levels deep; at most 15 are allowed', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maximum: 15, actual: 20 } });
    Object.defineProperty(validation, 'name', { value: 'ValidationError' });
    expect(format(validation).extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maximum: 15, actual: 20 });
  });
});
