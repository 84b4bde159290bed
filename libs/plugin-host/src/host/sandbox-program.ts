/**
 * The program a sandbox process runs: sandbox-process-main.ts and what it imports, compiled once
 * per host process by esbuild into one CommonJS script that `node -e` runs. Starting node on
 * compiled JavaScript takes a fraction of the time of loading a TypeScript loader in every sandbox
 * (about 150 ms against 450-900 ms per stage here), and leaves no file to tamper with: the script
 * lives in the host's memory. isolated-vm stays a native module loaded from its absolute path.
 * The isolate bootstrap travels with each job, read here from its source file.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

export interface SandboxProgram {
  /** CommonJS source of the sandbox process. */
  readonly script: string;
  /** Source of isolate-bootstrap.js, the first code every plugin isolate runs. */
  readonly bootstrapSource: string;
}

const SANDBOX_DIR = path.join(__dirname, '..', 'sandbox');

let program: Promise<SandboxProgram> | undefined;

async function compile(): Promise<SandboxProgram> {
  const isolatedVm = require.resolve('isolated-vm');
  const [result, bootstrapSource] = await Promise.all([
    build({
      entryPoints: [path.join(SANDBOX_DIR, 'sandbox-process-main.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      legalComments: 'none',
      logLevel: 'silent',
      plugins: [
        {
          name: 'isolated-vm-by-absolute-path',
          setup(pluginBuild) {
            pluginBuild.onResolve({ filter: /^isolated-vm$/ }, () => ({ path: isolatedVm, external: true }));
          },
        },
      ],
    }),
    readFile(path.join(SANDBOX_DIR, 'isolate-bootstrap.js'), 'utf8'),
  ]);
  const script = result.outputFiles[0]?.text;
  if (script === undefined) throw new Error('esbuild produced no sandbox program');
  return { script, bootstrapSource };
}

export function loadSandboxProgram(): Promise<SandboxProgram> {
  program ??= compile().catch((error: unknown) => {
    program = undefined;
    throw error;
  });
  return program;
}
