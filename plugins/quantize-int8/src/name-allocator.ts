import type { GraphView } from '@edgepress/plugin-sdk';

/**
 * Short, unused names for the values and nodes this plugin adds, allocated in the sandbox from one
 * GraphView instead of one host call per name. They are short on purpose: a quantized model adds
 * several names per layer, and on a small model (the PP-OCR classifier) long derived names cost
 * several percent of the file.
 */
export class NameAllocator {
  private readonly used = new Set<string>();
  private next = 0;

  constructor(view: GraphView, private readonly prefix = 'q') {
    for (const node of view.nodes) {
      this.used.add(node.name);
      for (const name of node.inputs) this.used.add(name);
      for (const name of node.outputs) this.used.add(name);
    }
    for (const value of [...view.inputs, ...view.outputs, ...view.values, ...view.weights]) this.used.add(value.name);
  }

  /** A name used nowhere in the model and not handed out before. */
  take(): string {
    for (;;) {
      const name = `${this.prefix}${(this.next++).toString(36)}`;
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }
}
