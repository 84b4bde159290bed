/**
 * Every KernelService operator gives the same result through gRPC (createKernelClient against an
 * in-test createKernelServer) as in-process, with a small chunk size so that tensors of a few KiB
 * are streamed in many chunks and several tensors of one call mix inline and streamed bytes.
 */
import { createInProcessKernels, createKernelClient, createKernelServer, type KernelClient, type KernelServer, type KernelService } from './index';
import { CONFORMANCE_CASES as cases } from './testing/conformance-cases';
import { normalise } from './testing/fixtures';

const CHUNK = 4096;
let server: KernelServer;
let client: KernelClient;
const local: KernelService = createInProcessKernels();

beforeAll(async () => {
  server = await createKernelServer({ threads: 2, chunkBytes: CHUNK });
  client = createKernelClient({ addresses: [server.address], deadlineMs: 20_000, chunkBytes: CHUNK, healthCheckIntervalMs: 0 });
});

afterAll(async () => {
  client.close();
  await server.drain();
});

describe('KernelService over gRPC', () => {
  it.each(cases)('%s gives the in-process result', async (_name, run) => {
    const [expected, received] = await Promise.all([run(local), run(client)]);
    expect(normalise(received)).toEqual(normalise(expected));
  });

  it('covers every operator of the service', async () => {
    const methods = Object.keys(local).sort();
    const covered = new Set((await Promise.all(cases.map(([, run]) => methodsCalledBy(run)))).flat());
    expect(methods.filter((m) => !covered.has(m))).toEqual([]);
  });
});

/** The KernelService methods a case calls, recorded through a proxy. */
async function methodsCalledBy(run: (k: KernelService) => Promise<unknown>): Promise<string[]> {
  const called: string[] = [];
  const recorder = new Proxy(local, {
    get(target, property: string) {
      called.push(property);
      return (target as unknown as Record<string, unknown>)[property];
    },
  });
  await run(recorder);
  return called;
}
