export { ErrorCode, GrpcStatus, CODE_MAPPINGS, isErrorCode } from './codes';
export { EdgepressError, isEdgepressError, toEdgepressError } from './edgepress-error';
export type { EdgepressErrorOptions } from './edgepress-error';
