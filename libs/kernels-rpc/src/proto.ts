/**
 * Loads kernels.proto (the source of truth for the wire format) with @grpc/proto-loader. Decoded
 * messages are plain objects: camelCase fields, enums as their names, uint64 as numbers, unset
 * message fields as null, unset `optional` scalars as undefined, bytes as Buffers.
 */
import * as path from 'node:path';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export const PROTO_PACKAGE = 'edgepress.kernels.v1';
export const SERVICE_NAME = `${PROTO_PACKAGE}.Kernels`;
export const PROTO_FILE = path.join(__dirname, '..', 'proto', 'edgepress', 'kernels', 'v1', 'kernels.proto');

export const LOADER_OPTIONS: protoLoader.Options = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
};

export const packageDefinition: protoLoader.PackageDefinition = protoLoader.loadSync(PROTO_FILE, LOADER_OPTIONS);

export const kernelsServiceDefinition = packageDefinition[SERVICE_NAME] as grpc.ServiceDefinition;

/** A field of a message descriptor as proto-loader exposes it. */
export interface FieldDescriptor {
  readonly name: string;
  readonly label: 'LABEL_OPTIONAL' | 'LABEL_REPEATED' | 'LABEL_REQUIRED';
  readonly type: string;
  readonly typeName: string;
}

/** The fields of message `typeName` (a name relative to the package, or fully qualified). */
export function messageFields(typeName: string): readonly FieldDescriptor[] {
  const bare = typeName.startsWith('.') ? typeName.slice(1) : typeName;
  const qualified = bare.startsWith(`${PROTO_PACKAGE}.`) ? bare : `${PROTO_PACKAGE}.${bare}`;
  const definition = packageDefinition[qualified] as protoLoader.MessageTypeDefinition<unknown, unknown> | undefined;
  if (definition === undefined || definition.format !== 'Protocol Buffer 3 DescriptorProto') {
    throw new Error(`kernels.proto has no message ${qualified}`);
  }
  return (definition.type as { field: FieldDescriptor[] }).field;
}

/** Short name of a message type ("Tensor" for ".edgepress.kernels.v1.Tensor"). */
export function shortTypeName(typeName: string): string {
  return typeName.slice(typeName.lastIndexOf('.') + 1);
}
