import { ErrorCode } from '@edgepress/errors';
import { z } from 'zod';
import { definePlugin } from '../define-plugin';
import type { HostBridge } from '../protocol';
import type { PluginTarget } from '../target';
import { exposePlugin } from './expose-plugin';
import { SANDBOX_REGISTRY_GLOBAL, type SandboxRuntime } from './sandbox-runtime';

const target = { id: 'cpu-x', kind: 'cpu' } as PluginTarget;

const plugin = definePlugin({
  name: 'expose-test',
  version: '1.0.0',
  kind: 'transform',
  description: 'test',
  params: z.object({ factor: z.number().min(1).default(2) }),
  engines: '^1.0.0',
  supports: (t) => (t.kind === 'cpu' ? { supported: true } : { supported: false, reason: 'CPU only' }),
  run: async (ctx, params) => {
    const graph = await ctx.model.graph();
    return { summary: { factor: params.factor, graph: String(graph) } };
  },
});

function withRegistry(fn: (registered: SandboxRuntime[]) => void): void {
  const registered: SandboxRuntime[] = [];
  const global = globalThis as Record<string, unknown>;
  global[SANDBOX_REGISTRY_GLOBAL] = { register: (runtime: SandboxRuntime) => registered.push(runtime) };
  try {
    fn(registered);
  } finally {
    delete global[SANDBOX_REGISTRY_GLOBAL];
  }
}

describe('exposePlugin', () => {
  it('registers a runtime that parses params, asks supports() and runs with a bridge-backed context', async () => {
    let runtime: SandboxRuntime | undefined;
    withRegistry((registered) => {
      exposePlugin(plugin);
      expect(registered).toHaveLength(1);
      runtime = registered[0];
    });
    expect(runtime?.manifest).toBe(plugin.manifest);
    expect(runtime?.prepare({}, target)).toEqual({ params: { factor: 2 }, support: { supported: true } });
    expect(runtime?.prepare({ factor: 3 }, undefined)).toEqual({ params: { factor: 3 }, support: undefined });
    expect(runtime?.prepare({}, { ...target, kind: 'mcu' }).support).toEqual({ supported: false, reason: 'CPU only' });
    expect(() => runtime?.prepare({ factor: 0 }, target)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT }));

    const calls: string[] = [];
    const bridge: HostBridge = {
      call: async (method) => {
        calls.push(method);
        return 'g';
      },
      progress: () => undefined,
      log: () => undefined,
      isAborted: () => false,
    };
    await expect(runtime?.run(bridge, { factor: 5 }, target, 0)).resolves.toEqual({ summary: { factor: 5, graph: 'g' } });
    expect(calls).toEqual(['model.graph']);
  });

  it.each([
    ['a plain object', { run: () => undefined }],
    ['a wrong apiVersion', { ...plugin, apiVersion: 2 }],
    ['undefined', undefined],
  ])('refuses %s as the plugin', (_label, value) => {
    withRegistry((registered) => {
      expect(() => exposePlugin(value)).toThrow(expect.objectContaining({ code: ErrorCode.BAD_USER_INPUT, message: expect.stringContaining('definePlugin') }));
      expect(registered).toHaveLength(0);
    });
  });

  it('fails clearly outside the sandbox', () => {
    expect(() => exposePlugin(plugin)).toThrow(/only inside the sandbox/);
  });
});
