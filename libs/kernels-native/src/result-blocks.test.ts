import { execFileSync } from 'node:child_process';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '..', 'test', 'fixtures', 'result-block-join.ts');
const REPO_ROOT = path.join(__dirname, '..', '..', '..');

interface Stats {
  reused: number;
  joined: number;
  mapped: number;
  cached: number;
}

describe('the native cache of large result blocks (src/native/quantize_result.cc)', () => {
  it('joins smaller cached blocks into a larger result, leaves live results alone, and reuses the joined block', () => {
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', SCRIPT], { cwd: REPO_ROOT });
    const r = JSON.parse(out.toString()) as { filled: Stats; afterJoin: Stats; afterReuse: Stats; joinedRight: boolean; keptIntact: boolean; againRight: boolean };
    // Seven collected 256 KiB results wait in the cache.
    expect(r.filled.cached).toBeGreaterThanOrEqual(7);
    // The 1 MiB result is four of them joined, not a fresh mapping, and every value is written.
    expect(r.afterJoin.joined - r.filled.joined).toBe(1);
    expect(r.afterJoin.mapped - r.filled.mapped).toBe(0);
    expect(r.afterJoin.cached).toBe(r.filled.cached - 4);
    expect(r.joinedRight).toBe(true);
    // The result still referenced kept its block and its values.
    expect(r.keptIntact).toBe(true);
    // Collected, the joined block serves the next 1 MiB result as one block.
    expect(r.afterReuse.reused - r.afterJoin.reused).toBe(1);
    expect(r.afterReuse.mapped - r.afterJoin.mapped).toBe(0);
    expect(r.againRight).toBe(true);
  }, 30_000);
});
