/**
 * A client process for the shared-memory tests: connects to the server at argv[2], creates a
 * shared region, makes one call with a tensor in it (so the server maps the region), prints
 * "registered", then waits to be killed.
 */
import { createKernelClient } from '@edgepress/kernels-rpc/client';

async function main(): Promise<void> {
  const client = createKernelClient({ addresses: [process.argv[2] as string], deadlineMs: 20_000, healthCheckIntervalMs: 0 });
  const region = await client.createSharedRegion(1 << 20);
  const x = new Float32Array(region.buffer, 0, 64 * 1024).fill(1.5);
  await client.tensorMinMax({ data: x, shape: [x.length] });
  process.stdout.write('registered\n');
  setInterval(() => undefined, 1000);
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
