/**
 * npm run bench:gateway [-- --runs 1000] [-- --connections 200] [-- --seconds 20]
 *
 * The gateway's latency for a typical console query (the first 20 runs with their stages and
 * stage metrics) under load: a fresh PostgreSQL database (127.0.0.1:5432) seeded with --runs runs,
 * the gateway started as its own process (`npm start` of apps/gateway, rate limits off), and
 * autocannon holding --connections concurrent connections for --seconds after a short warm-up.
 * Prints the method, a table and one JSON line. Client and server share this machine's cores.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { createTestDatabase } from '@edgepress/db/testing';
import { seedRuns } from './seed-runs';

const QUERY = `query Runs($first: Int) { runs(first: $first) { nodes { id state progress targetId createdAt finishedAt
  model { id name }
  stages { index pluginName pluginVersion state durationMs metrics { sizeBytes gzipBytes bitsPerWeight latency { medianMs } fidelity { cosine } accuracy { value } estimate { latencyMs } } } }
  pageInfo { endCursor hasNextPage } } }`;

function startGateway(databaseUrl: string): Promise<{ url: string; process: ChildProcess }> {
  const gatewayDir = path.resolve(__dirname, '../../../../apps/gateway');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: gatewayDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, GATEWAY_PORT: '0', GATEWAY_RATE_LIMIT: 'off', GATEWAY_LOG_LEVEL: 'warn', EDGEPRESS_BLOBS: 'postgres', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /gateway listening on (\S+)/.exec(output);
      if (match) resolve({ url: match[1], process: child });
    });
    child.once('exit', (code) => reject(new Error(`The gateway exited with code ${code} before listening: ${output}`)));
  });
}

async function checkQuery(url: string, token: string): Promise<number> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY, variables: { first: 20 } }),
  });
  const body = (await response.json()) as { data?: { runs: { nodes: { stages: unknown[] }[] } }; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`The benchmark query failed: ${JSON.stringify(body.errors)}`);
  if (body.data.runs.nodes.length !== 20 || body.data.runs.nodes.some((run) => run.stages.length !== 3)) throw new Error('Expected 20 runs with 3 stages each');
  return JSON.stringify(body).length;
}

function load(url: string, token: string, connections: number, seconds: number): Promise<Result> {
  return autocannon({
    url: `${url}/graphql`,
    method: 'POST',
    connections,
    duration: seconds,
    // Count slow answers as latency, not as errors (autocannon's default gives up after 10 s).
    timeout: 60,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: QUERY, variables: { first: 20 } }),
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '1000' }, connections: { type: 'string', default: '200' }, seconds: { type: 'string', default: '20' } } });
  const runs = Number(values.runs);
  const connections = Number(values.connections);
  const seconds = Number(values.seconds);
  process.stdout.write(
    `# bench:gateway: ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n` +
      `# method: ${runs} runs seeded (3 stages each, metrics on finished stages); the gateway runs as its own process (tsx, pool of 20\n` +
      `#   connections, rate limits off); autocannon in this process keeps ${connections} connections busy for ${seconds} s after a 3 s warm-up,\n` +
      '#   each POSTing the same runs(first: 20) query with stages and metrics. Latency = request to last response byte.\n',
  );
  const database = await createTestDatabase();
  let gateway: ChildProcess | undefined;
  try {
    const seeded = await seedRuns(database.url, runs);
    const started = await startGateway(database.url);
    gateway = started.process;
    const bytes = await checkQuery(started.url, seeded.token);
    await load(started.url, seeded.token, connections, 3);
    const result = await load(started.url, seeded.token, connections, seconds);
    const latency = result.latency;
    const row = {
      case: 'runs(first: 20) with stages',
      runs,
      connections,
      seconds,
      responseBytes: bytes,
      requests: result.requests.total,
      requestsPerSecond: result.requests.average,
      p50Ms: latency.p50,
      p90Ms: latency.p90,
      p99Ms: latency.p99,
      maxMs: latency.max,
      errors: result.errors,
      timeouts: result.timeouts,
      non2xx: result.non2xx,
    };
    process.stdout.write(
      `\n| case | connections | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx |\n|---|---|---|---|---|---|---|---|---|\n` +
        `| ${row.case} (${bytes} B) | ${connections} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50Ms} | ${row.p90Ms} | ${row.p99Ms} | ${row.maxMs} | ${row.errors + row.timeouts} | ${row.non2xx} |\n\n`,
    );
    process.stdout.write(`${JSON.stringify(row)}\n`);
    process.stdout.write(`# load average after: ${loadavg().map((value) => value.toFixed(2)).join(' ')}\n`);
  } finally {
    if (gateway && gateway.exitCode === null) {
      const exited = new Promise((resolve) => gateway?.once('exit', resolve));
      gateway.kill('SIGTERM');
      await exited;
    }
    await database.drop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:gateway: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
