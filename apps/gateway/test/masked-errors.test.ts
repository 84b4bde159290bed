/**
 * Internal errors never reach clients: a forced failure in a repository (whose message carries a
 * connection string) and in the blob store answer "Internal error" / INTERNAL, while the log holds
 * the original with the request id the response carried in X-Request-Id.
 */
import type { BlobStore, Database } from '@edgepress/db';
import { graphql } from './support/graphql-client';
import { startHarness, type Harness } from './support/harness';

const SECRET = 'postgres://gateway:hunter2@db.internal:5432/edgepress';

let h: Harness;
beforeAll(async () => {
  h = await startHarness(
    { introspection: false },
    {
      wrapDb: (db: Database) => ({
        ...db,
        datasets: Object.assign(Object.create(Object.getPrototypeOf(db.datasets)), db.datasets, {
          list: async () => {
            throw new Error(`connect ECONNREFUSED ${SECRET}`);
          },
        }),
      }),
      wrapBlobs: (blobs: BlobStore) =>
        Object.assign(Object.create(Object.getPrototypeOf(blobs)), blobs, {
          put: async () => {
            throw new TypeError(`Cannot read properties of undefined (reading 'write') at /srv/${SECRET}`);
          },
        }),
    },
  );
});
afterAll(async () => h?.close());

describe('introspection: false', () => {
  it('refuses introspection queries (BAD_USER_INPUT) and still answers ordinary ones', async () => {
    const response = await graphql(h.url, h.a.tokens.viewer, '{ __schema { types { name } } }');
    expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(response.errors?.[0].message).toMatch(/introspection/i);
    expect((await graphql(h.url, h.a.tokens.viewer, '{ viewer { role } }')).data).toEqual({ viewer: { role: 'VIEWER' } });
  });
});

describe('masked internal errors', () => {
  it('answers INTERNAL with a generic message over GraphQL and logs the original with the request id', async () => {
    const response = await graphql(h.url, h.a.tokens.viewer, '{ viewer { role } datasets { nodes { id } } }', {}, { 'x-request-id': 'trace-123' });
    expect(response.data).toBeNull();
    expect(response.errors).toEqual([{ message: 'Internal error', path: ['datasets'], extensions: { code: 'INTERNAL' } }]);
    expect(JSON.stringify(response)).not.toContain('hunter2');
    expect(response.headers.get('x-request-id')).toBe('trace-123');
    const logged = h.logs.find((line) => line.requestId === 'trace-123' && line.level === 50);
    expect(JSON.stringify(logged)).toContain('ECONNREFUSED');
  });

  it('answers 500 INTERNAL on the blob routes and logs the original', async () => {
    const response = await fetch(`${h.url}/v1/blobs`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${h.a.tokens.member}`, 'content-type': 'application/octet-stream', 'x-request-id': 'trace-456' },
      body: Buffer.from('bytes'),
    });
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ error: { code: 'INTERNAL', message: 'Internal error' } });
    expect(text).not.toContain('hunter2');
    expect(JSON.stringify(h.logs.find((line) => line.requestId === 'trace-456' && line.level === 50))).toContain('reading');
  });
});
