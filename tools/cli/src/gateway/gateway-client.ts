/**
 * The CLI's side of the public gateway API: GraphQL over HTTP (POST /graphql) and the blob routes
 * (PUT /v1/blobs, GET /v1/artifacts/:id). Nothing private: the console and internal tools use the
 * same requests. Every failure becomes an EdgepressError with the gateway's public code
 * (extensions.code or the blob routes' error.code), so exit codes follow the server's verdict;
 * an unreachable gateway is UNAVAILABLE naming the URL.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EdgepressError, ErrorCode, isErrorCode } from '@edgepress/errors';
import type { GatewaySettings } from './config-store';

export interface UploadedBlob {
  sha256: string;
  sizeBytes: number;
  created: boolean;
  uploadReceipt: string;
}

interface PublicError {
  message?: unknown;
  code?: unknown;
  extensions?: { code?: unknown };
}

function publicError(error: PublicError | undefined, fallback: string): EdgepressError {
  const code = error?.extensions?.code ?? error?.code;
  const message = typeof error?.message === 'string' && error.message.length > 0 ? error.message : fallback;
  return new EdgepressError(isErrorCode(code) ? code : ErrorCode.INTERNAL, message);
}

export class GatewayClient {
  constructor(readonly settings: GatewaySettings) {}

  get graphqlUrl(): string {
    return `${this.settings.gateway}/graphql`;
  }

  /** ws(s)://.../graphql for graphql-ws subscriptions. */
  get subscriptionUrl(): string {
    return this.graphqlUrl.replace(/^http/, 'ws');
  }

  /** Runs one GraphQL operation and returns its data; the first error is thrown with its public code. */
  async graphql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.request(this.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    const body = await this.json(response);
    const errors = (body as { errors?: PublicError[] }).errors;
    if (Array.isArray(errors) && errors.length > 0) throw publicError(errors[0], `The gateway answered HTTP ${response.status}`);
    const data = (body as { data?: T }).data;
    if (data === undefined || data === null) throw new EdgepressError(ErrorCode.INTERNAL, `The gateway answered HTTP ${response.status} without data`);
    return data;
  }

  /** Streams a file to PUT /v1/blobs; the gateway hashes it and answers the address and a receipt. */
  async uploadFile(file: string): Promise<UploadedBlob> {
    const size = (await stat(file)).size;
    const response = await this.request(`${this.settings.gateway}/v1/blobs`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream', 'content-length': String(size) },
      body: Readable.toWeb(createReadStream(file)) as ReadableStream<Uint8Array>,
      duplex: 'half',
    } as RequestInit);
    const body = (await this.json(response)) as Partial<UploadedBlob> & { error?: PublicError };
    if (!response.ok) throw publicError(body.error, `The upload failed with HTTP ${response.status}`);
    if (typeof body.sha256 !== 'string' || typeof body.uploadReceipt !== 'string') {
      throw new EdgepressError(ErrorCode.INTERNAL, 'The gateway answered the upload without a sha256 and receipt');
    }
    return body as UploadedBlob;
  }

  /**
   * Streams a run artifact to `file` through a temporary file that is renamed only when the bytes
   * hash to `expectedSha256`, so an interrupted or corrupted download never leaves a model under
   * the requested name. Returns the bytes written.
   */
  async downloadArtifact(artifactId: string, file: string, expectedSha256: string): Promise<number> {
    const response = await this.request(`${this.settings.gateway}/v1/artifacts/${encodeURIComponent(artifactId)}`, { method: 'GET' });
    if (!response.ok || response.body === null) {
      const body = (await this.json(response).catch(() => ({}))) as { error?: PublicError };
      throw publicError(body.error, `The download failed with HTTP ${response.status}`);
    }
    const temporary = `${file}.${process.pid}.part`;
    const hash = createHash('sha256');
    let bytes = 0;
    const tap = async function* (source: AsyncIterable<Uint8Array>) {
      for await (const chunk of source) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    };
    try {
      await pipeline(Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>), tap, createWriteStream(temporary));
      const sha256 = hash.digest('hex');
      if (sha256 !== expectedSha256) {
        throw new EdgepressError(ErrorCode.UNAVAILABLE, `The download of artifact ${artifactId} arrived incomplete or altered (${bytes} bytes, sha256 ${sha256}); try again`);
      }
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true });
      if (error instanceof EdgepressError) throw error;
      throw new EdgepressError(ErrorCode.FILE_NOT_FOUND, `Cannot write ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
    }
    return bytes;
  }

  private async request(url: string, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${this.settings.token}` } });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message;
      throw new EdgepressError(ErrorCode.UNAVAILABLE, `Cannot reach the gateway at ${this.settings.gateway}: ${reason}`, { cause: error });
    }
  }

  private async json(response: Response): Promise<unknown> {
    const text = await response.text();
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new EdgepressError(ErrorCode.UNAVAILABLE, `The gateway at ${this.settings.gateway} answered HTTP ${response.status} with something that is not JSON`);
    }
  }
}
