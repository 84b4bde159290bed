/**
 * Uploads (PUT /v1/blobs) and registrations (registerModel, registerDataset) for `edgepress run`.
 * Names are unique per team: registering a file again under the same name re-uses the row when
 * the bytes are the same (the usual case of running one model many times), and is a CONFLICT that
 * asks for another name when they differ.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { println, type CliIo } from '../cli-io';
import type { GatewayClient } from './gateway-client';

export interface Registered {
  id: string;
  name: string;
}

export interface Registration {
  /** "model" or "dataset", in messages. */
  what: string;
  mutation: string;
  /** Input fields of this kind besides name, blob and receipt. */
  input: Record<string, unknown>;
  /** Lists the team's rows whose name contains `name` ({ nodes { id name blobSha256 } }). */
  byName: string;
  hint: string;
}

export const MODEL: Registration = {
  what: 'model',
  mutation: 'mutation Register($input: RegisterModelInput!) { registered: registerModel(input: $input) { id name } }',
  input: {},
  byName: 'query ByName($name: String!) { rows: models(filter: { name: $name }, first: 100) { nodes { id name blobSha256 } } }',
  hint: '--name',
};

export const CALIBRATION_DATASET: Registration = {
  what: 'dataset',
  mutation: 'mutation Register($input: RegisterDatasetInput!) { registered: registerDataset(input: $input) { id name } }',
  input: { purpose: 'CALIBRATION', format: 'JSONL' },
  byName: 'query ByName($name: String!) { rows: datasets(filter: { name: $name }, first: 100) { nodes { id name blobSha256 } } }',
  hint: 'another file name',
};

/** Uploads a file and registers it under `name`; a name already used for the same bytes re-uses that row. */
export async function register(gateway: GatewayClient, kind: Registration, file: string, name: string, extra: Record<string, unknown>, io: CliIo): Promise<Registered> {
  const blob = await gateway.uploadFile(file);
  try {
    const { registered } = await gateway.graphql<{ registered: Registered }>(kind.mutation, {
      input: { name, blobSha256: blob.sha256, uploadReceipt: blob.uploadReceipt, ...kind.input, ...extra },
    });
    return registered;
  } catch (error) {
    if (!(error instanceof EdgepressError) || error.code !== ErrorCode.CONFLICT) throw error;
    const { rows } = await gateway.graphql<{ rows: { nodes: { id: string; name: string; blobSha256: string }[] } }>(kind.byName, { name });
    const existing = rows.nodes.find((row) => row.name === name);
    if (existing?.blobSha256 !== blob.sha256) {
      throw new EdgepressError(ErrorCode.CONFLICT, `The team already has a ${kind.what} named "${name}" with other bytes; choose ${kind.hint}`);
    }
    println(io.stderr, `${kind.what} "${name}" is already registered with these bytes: using it`);
    return existing;
  }
}

/** Samples in a JSON-lines file: its non-empty lines (the worker parses and checks them). */
export async function countSamples(file: string): Promise<number> {
  let count = 0;
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim().length > 0) count++;
  return count;
}
