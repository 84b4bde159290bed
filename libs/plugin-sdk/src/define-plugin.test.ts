import { EdgepressError, ErrorCode } from '@edgepress/errors';
import { z } from 'zod';
import { definePlugin, type PluginDefinition } from './define-plugin';
import type { PluginTarget } from './target';
import { PLUGIN_API_VERSION, SDK_VERSION } from './version';

const params = z.object({
  sparsity: z.number().min(0).max(1).default(0.5).describe('Fraction of weights set to zero'),
  scope: z.enum(['global', 'per-layer']).default('global'),
});

function definition(overrides: Partial<PluginDefinition<typeof params>> = {}): PluginDefinition<typeof params> {
  return {
    name: 'prune-test',
    version: '1.2.3',
    kind: 'prune',
    description: 'Test plugin',
    params,
    engines: '^1.0.0',
    run: async () => undefined,
    ...overrides,
  };
}

const target = { id: 'coral-edge-tpu', kind: 'npu' } as PluginTarget;

function expectMisuse(fn: () => unknown, field: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(EdgepressError);
    expect((error as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
    expect((error as EdgepressError).message).toContain(field);
    return;
  }
  throw new Error(`expected definePlugin to reject ${field}`);
}

describe('definePlugin', () => {
  it('returns a frozen, versioned plugin with a JSON Schema of its params', () => {
    const plugin = definePlugin(definition());
    expect(plugin.apiVersion).toBe(PLUGIN_API_VERSION);
    expect(Object.isFrozen(plugin)).toBe(true);
    expect(plugin.manifest).toMatchObject({ name: 'prune-test', version: '1.2.3', kind: 'prune', sdkVersion: SDK_VERSION });
    const schema = plugin.manifest.paramsSchema as { properties: Record<string, { default?: unknown; description?: string }> };
    expect(schema.properties.sparsity).toMatchObject({ default: 0.5, description: 'Fraction of weights set to zero', minimum: 0, maximum: 1 });
    expect(schema.properties.scope).toMatchObject({ enum: ['global', 'per-layer'] });
  });

  it.each([
    ['name', { name: 'Not Kebab' }],
    ['name', { name: '../escape' }],
    ['version', { version: 'one' }],
    ['kind', { kind: 'compress' as never }],
    ['description', { description: '' }],
    ['params', { params: { sparsity: 0.5 } as never }],
    ['engines', { engines: 'whatever' }],
    ['run', { run: 'no' as never }],
    ['supports', { supports: 42 as never }],
  ])('rejects a bad %s', (field, overrides) => {
    expectMisuse(() => definePlugin(definition(overrides)), field);
  });

  it('accepts team-scoped names', () => {
    expect(definePlugin(definition({ name: '@acme/prune-fancy' })).manifest.name).toBe('@acme/prune-fancy');
  });

  it('refuses a plugin whose engines range excludes this SDK', () => {
    expectMisuse(() => definePlugin(definition({ engines: '^2.0.0' })), 'engines');
  });

  it('applies defaults and names every bad field when parsing params', () => {
    const plugin = definePlugin(definition());
    expect(plugin.parseParams(undefined)).toEqual({ sparsity: 0.5, scope: 'global' });
    expect(plugin.parseParams({ sparsity: 0.9 })).toEqual({ sparsity: 0.9, scope: 'global' });
    try {
      plugin.parseParams({ sparsity: 2, scope: 'everything' });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as EdgepressError).code).toBe(ErrorCode.BAD_USER_INPUT);
      expect((error as EdgepressError).message).toMatch(/sparsity/);
      expect((error as EdgepressError).message).toMatch(/scope/);
    }
  });

  it('answers supports() with the plugin decision or "supported" by default', () => {
    expect(definePlugin(definition()).supports(target)).toEqual({ supported: true });
    const npuOnly = definePlugin(
      definition({ supports: (t) => (t.kind === 'npu' ? { supported: true } : { supported: false, reason: 'needs an NPU' }) }),
    );
    expect(npuOnly.supports(target)).toEqual({ supported: true });
    expect(npuOnly.supports({ ...target, kind: 'mcu' })).toEqual({ supported: false, reason: 'needs an NPU' });
  });

  it('fails with PLUGIN_FAILED when supports() returns garbage', () => {
    const broken = definePlugin(definition({ supports: () => 'yes' as never }));
    expect(() => broken.supports(target)).toThrow(expect.objectContaining({ code: ErrorCode.PLUGIN_FAILED }));
  });
});
