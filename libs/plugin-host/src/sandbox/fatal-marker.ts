/** Prefix of the one stderr line a dying sandbox process writes: `<marker>{"code":...,"message":...}`. */
export const FATAL_MARKER = '@@edgepress-sandbox-fatal ';
