/**
 * The public gateway API as a client sees it, for the acceptance tests: GraphQL over HTTP, the blob
 * routes, and graphql-ws subscriptions on a real WebSocket.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface GraphqlAnswer<T> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
}

export class GatewayApi {
  constructor(
    readonly url: string,
    readonly token: string,
  ) {}

  withToken(token: string): GatewayApi {
    return new GatewayApi(this.url, token);
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GraphqlAnswer<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphqlAnswer<T>;
  }

  /** The data, or an Error carrying the first error's code and message. */
  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const answer = await this.request<T>(query, variables);
    if (answer.errors?.length || !answer.data) throw new Error(`GraphQL error: ${JSON.stringify(answer.errors)}`);
    return answer.data;
  }

  /** PUT /v1/blobs of a file (path) or of bytes. */
  async upload(source: string | Buffer): Promise<{ sha256: string; sizeBytes: number; uploadReceipt: string }> {
    const bytes = typeof source === 'string' ? await readFile(source) : source;
    const response = await fetch(`${this.url}/v1/blobs`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', authorization: `Bearer ${this.token}`, 'x-content-sha256': createHash('sha256').update(bytes).digest('hex') },
      body: bytes,
    });
    if (!response.ok) throw new Error(`upload failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { sha256: string; sizeBytes: number; uploadReceipt: string };
  }

  async download(pathOrUrl: string): Promise<Buffer> {
    const response = await fetch(new URL(pathOrUrl, this.url), { headers: { authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`download failed: ${response.status} ${await response.text()}`);
    return Buffer.from(await response.arrayBuffer());
  }

  subscriptions(): Client {
    return createClient({
      url: `${this.url.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${this.token}` },
      retryAttempts: 0,
      lazy: true,
    });
  }
}

export interface RunEventView {
  kind: 'PROGRESS' | 'STAGE_STARTED' | 'STAGE_COMPLETED' | 'RUN_FINISHED';
  fraction: number | null;
  message: string | null;
  stageIndex: number | null;
  state: string | null;
  stage: { index: number; state: string } | null;
}

/** Every runProgress event of a run until RUN_FINISHED (resolves with all of them), plus a hook per event. */
export function followRunProgress(client: Client, runId: string, onEvent: (event: RunEventView) => void = () => undefined): Promise<RunEventView[]> {
  const events: RunEventView[] = [];
  return new Promise((resolve, reject) => {
    client.subscribe<{ runProgress: RunEventView }>(
      { query: 'subscription ($runId: ID!) { runProgress(runId: $runId) { kind fraction message stageIndex state stage { index state } } }', variables: { runId } },
      {
        next: (result) => {
          if (result.errors) reject(new Error(JSON.stringify(result.errors)));
          const event = result.data?.runProgress;
          if (!event) return;
          events.push(event);
          onEvent(event);
        },
        error: (error) => reject(error instanceof Error ? error : new Error(JSON.stringify(error))),
        complete: () => resolve(events),
      },
    );
  });
}

export const RUN_DETAILS = `query Run($id: ID!) { run(id: $id) {
  id state attempt progress error { code message }
  stages { index pluginName pluginVersion state attempt error { code message }
    artifact { id sizeBytes blobSha256 downloadUrl }
    metrics { sizeBytes gzipBytes parameters nonZeros bitsPerWeight latency { medianMs } estimate { latencyMs targetId } fidelity { cosine top1Agreement sqnrDb sqnrInfinite } raw } }
  artifacts { id kind stageIndex sizeBytes blobSha256 }
  report { id sizeBytes blobSha256 downloadUrl }
} }`;

export interface RunDetails {
  id: string;
  state: string;
  attempt: number;
  progress: number;
  error: { code: string; message: string } | null;
  stages: {
    index: number;
    pluginName: string;
    pluginVersion: string;
    state: string;
    attempt: number;
    error: { code: string; message: string } | null;
    artifact: { id: string; sizeBytes: number; blobSha256: string; downloadUrl: string } | null;
    metrics: {
      sizeBytes: number;
      gzipBytes: number;
      parameters: number;
      nonZeros: number;
      bitsPerWeight: number | null;
      latency: { medianMs: number } | null;
      estimate: { latencyMs: number; targetId: string } | null;
      fidelity: { cosine: number; top1Agreement: number; sqnrDb: number | null; sqnrInfinite: boolean } | null;
      raw: Record<string, unknown>;
    } | null;
  }[];
  artifacts: { id: string; kind: string; stageIndex: number | null; sizeBytes: number; blobSha256: string }[];
  report: { id: string; sizeBytes: number; blobSha256: string; downloadUrl: string } | null;
}
