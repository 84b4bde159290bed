/**
 * `@edgepress/plugin-sdk/sandbox`: what the plugin bundle wrapper and the host share. The wrapper
 * calls `exposePlugin` inside the sandbox; the host reads the protocol lists from here so that both
 * sides agree on exactly the same method names.
 */
export { exposePlugin } from './expose-plugin';
/** Builds a StageContext over a bridge: the sandbox does it, and so does the in-process test harness. */
export { createStageContext } from '../create-stage-context';
export { SANDBOX_REGISTRY_GLOBAL } from './sandbox-runtime';
export type { PreparedStage, SandboxRegistry, SandboxRuntime } from './sandbox-runtime';
export { HOST_METHOD_NAMES, isHostMethodName } from '../protocol';
export type { HostBridge, HostMethodName, HostMethods, LogLevel } from '../protocol';
export { PLUGIN_NAME_PATTERN } from '../manifest';
