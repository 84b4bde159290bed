/**
 * Break-out attempts (trust boundary 3): each hostile plugin runs in its own sandbox process and
 * must end its stage with a clear EdgepressError while this process keeps serving.
 */
import { ErrorCode } from '@edgepress/errors';
import { buildPluginBundle, runPluginStage, type PluginBundle } from '../src/index';
import { CPU_TARGET, expectHostStillServes, expectStageError, fixture, inMemoryModel, TEST_LIMITS } from './helpers';

jest.setTimeout(60_000);

let hostile: PluginBundle;
const HOST_PATHS = [__dirname, process.cwd(), '/work/', 'node_modules', '/srv/edgepress'];

beforeAll(async () => {
  hostile = await buildPluginBundle(fixture('hostile.plugin.ts'));
});

function attack(name: string, size = 0) {
  const model = inMemoryModel(new Float32Array([1, 2, 3]));
  return runPluginStage({ bundle: hostile, params: { attack: name, size }, target: CPU_TARGET, handler: model.handler, limits: TEST_LIMITS });
}

describe('constructor-chain escapes find no process, require or host object', () => {
  it.each([
    'function-constructor',
    'ctx-constructor',
    'ctx-object-constructor',
    'host-value-constructor',
    'function-prototype',
    'async-function-constructor',
  ])('%s', async (name) => {
    await expectStageError(attack(name), ErrorCode.PLUGIN_FAILED, /run\(\) failed: ReferenceError: process is not defined$/);
  });

  it('globalThis.constructor', async () => {
    await expectStageError(attack('global-constructor'), ErrorCode.PLUGIN_FAILED, /ReferenceError: require is not defined$/);
  });

  it('via an error a host call rejected with', async () => {
    const run = runPluginStage({
      bundle: hostile,
      params: { attack: 'error-constructor' },
      target: CPU_TARGET,
      handler: { 'model.graph': async () => Promise.reject(new Error('boom at /srv/edgepress/secret.ts:12')) },
      limits: TEST_LIMITS,
    });
    await expectStageError(run, ErrorCode.PLUGIN_FAILED, /ReferenceError: process is not defined$/);
  });
});

describe('globals the sandbox does not offer', () => {
  it.each(['require', 'process', 'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'Buffer', 'module', 'global', 'WebAssembly', 'SharedArrayBuffer'])(
    '%s is not defined',
    async (name) => {
      await expectStageError(attack(`global:${name}`), ErrorCode.PLUGIN_FAILED, new RegExp(`ReferenceError: ${name} is not defined`));
    },
  );

  it('dynamic import() is refused', async () => {
    await expectStageError(attack('dynamic-import'), ErrorCode.PLUGIN_FAILED, /Not supported/);
  });

  it('WebAssembly cannot compile code', async () => {
    await expectStageError(attack('webassembly'), ErrorCode.PLUGIN_FAILED, /WebAssembly is not defined/);
  });

  it('Atomics.wait has no shared memory to block on', async () => {
    await expectStageError(attack('atomics-wait'), ErrorCode.PLUGIN_FAILED, /SharedArrayBuffer is not defined/);
  });
});

describe('stack traces and errors', () => {
  it('stack frames, receivers and host errors reveal no host path and no host object', async () => {
    const { result } = await attack('stack-frames');
    const summary = result?.summary ?? {};
    expect(summary.reached).toBe('none');
    for (const hostPath of HOST_PATHS) {
      expect(String(summary.files)).not.toContain(hostPath);
      expect(String(summary.hostStack)).not.toContain(hostPath);
    }
    expect(String(summary.files)).toContain('edgepress-plugin-bundle.js');
    expect(String(summary.hostStack)).toMatch(/INVALID_ARGUMENT|unknown tensor/);
  });

  it('a looping Error.prepareStackTrace does not stop the error from being reported', async () => {
    await expectStageError(attack('prepare-stack-trace-loop'), ErrorCode.PLUGIN_FAILED, /thrown with a looping prepareStackTrace/);
  });

  it('a stack captured onto a host-call argument does not travel (only enumerable data does)', async () => {
    const received: unknown[] = [];
    await runPluginStage({
      bundle: hostile,
      params: { attack: 'capture-stack-trace-arg' },
      target: CPU_TARGET,
      handler: { 'model.addNode': async (spec) => String(received.push(spec)) },
      limits: TEST_LIMITS,
    });
    expect(received).toEqual([{ opType: 'Relu', inputs: ['x'], outputs: ['y'] }]);
  });

  it('error messages from the sandbox carry no host paths', async () => {
    const error = await expectStageError(attack('function-constructor'), ErrorCode.PLUGIN_FAILED, /process is not defined/);
    for (const hostPath of HOST_PATHS) expect(error.message).not.toContain(hostPath);
  });
});

describe('hostile arguments to host calls', () => {
  it.each([
    ['proxy-arg', ErrorCode.PLUGIN_FAILED, /arguments of model\.removeNodes could not be read: trap/],
    ['transparent-proxy-arg', ErrorCode.PLUGIN_FAILED, /arguments of model\.removeNodes cannot be copied to the host: .*could not be cloned/],
    ['proxy-looping-trap', ErrorCode.DEADLINE_EXCEEDED, /CPU time/],
    ['getter-arg', ErrorCode.PLUGIN_FAILED, /args\[0\]\.outputs is a getter or setter/],
    ['species-arg', ErrorCode.PLUGIN_FAILED, /args\[0\] is an array with a custom prototype/],
    ['constructor-own-property-arg', ErrorCode.PLUGIN_FAILED, /args\[0\] is an array with an extra property "constructor"/],
    ['thenable-arg', ErrorCode.PLUGIN_FAILED, /args\[0\]\[0\]\.then is a function/],
    ['proto-arg', ErrorCode.PLUGIN_FAILED, /args\[1\]\.__proto__ is a key that could pollute prototypes/],
    ['constructor-prototype-arg', ErrorCode.PLUGIN_FAILED, /args\[1\]\.constructor is a key that could pollute prototypes/],
  ])('%s', async (name, code, message) => {
    await expectStageError(attack(name), code, message);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    ['forged-method', /host method "child_process\.execSync", which is not part of the plugin protocol/],
    ['forged-proto-method', /host method "model\.__proto__", which is not part of the plugin protocol/],
  ])('a forged bridge call (%s) ends the stage', async (name, message) => {
    await expectStageError(attack(name), ErrorCode.PLUGIN_FAILED, message);
  });
});

describe('hostile values returned from run()', () => {
  it('a thenable that resolves to itself forever is stopped by the CPU limit', async () => {
    await expectStageError(attack('thenable-return-loop'), ErrorCode.DEADLINE_EXCEEDED, /CPU time/);
  });

  it('a thenable that never settles is noticed at once', async () => {
    await expectStageError(attack('thenable-return-never'), ErrorCode.PLUGIN_FAILED, /can never settle/);
  });

  it('a thenable whose then getter throws fails the stage', async () => {
    await expectStageError(attack('thenable-return-throws'), ErrorCode.PLUGIN_FAILED, /then getter throws/);
  });

  it('replacing JSON, Promise, iterators and Object.freeze does not change what the host receives', async () => {
    const { result } = await attack('overwrite-intrinsics');
    expect(result).toEqual({ summary: { weights: 1 } });
  });
});

it('the host keeps serving after every attack', async () => {
  await expectHostStillServes();
});
