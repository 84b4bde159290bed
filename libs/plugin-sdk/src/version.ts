/** The SDK's own version. A plugin's `engines` range is checked against it by the host. */
export const SDK_VERSION = '1.0.0';

/** The shape version of the object `definePlugin` returns; bumped only on breaking changes. */
export const PLUGIN_API_VERSION = 1;
