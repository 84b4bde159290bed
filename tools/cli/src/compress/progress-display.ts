/**
 * Progress of a pipeline run on the terminal: a bar redrawn in place on a TTY, plain lines
 * otherwise (at most one per tenth of a stage, so logs and CI output stay readable).
 */
import type { PipelineEvent } from '@edgepress/pipeline';
import type { CliIo } from '../cli-io';

const BAR_WIDTH = 24;

export function progressDisplay(io: CliIo, stageCount: () => number): (event: PipelineEvent) => void {
  let lastTenth = -1;
  let drawn = false;
  const clear = () => {
    if (drawn) io.stderr.write('\r\x1b[2K');
    drawn = false;
  };
  const line = (text: string) => {
    clear();
    io.stderr.write(`${text}\n`);
  };
  const label = (index: number, plugin: string) => `[${index + 1}/${stageCount()}] ${plugin}`;
  return (event) => {
    switch (event.type) {
      case 'baseline-started':
        line('measuring the input model');
        return;
      case 'stage-started':
        lastTenth = -1;
        line(`${label(event.index, event.plugin)} (v${event.version}) running`);
        return;
      case 'stage-progress': {
        const percent = Math.round(event.fraction * 100);
        if (io.isTTY) {
          const filled = Math.round(event.fraction * BAR_WIDTH);
          clear();
          io.stderr.write(`${label(event.index, event.plugin)} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${String(percent).padStart(3)}% ${(event.message ?? '').slice(0, 40)}`);
          drawn = true;
          return;
        }
        const tenth = Math.floor(event.fraction * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        line(`${label(event.index, event.plugin)} ${percent}%${event.message ? ` ${event.message}` : ''}`);
        return;
      }
      case 'stage-log':
        if (event.entry.level === 'warn' || event.entry.level === 'error') line(`${label(event.index, event.plugin)} ${event.entry.level}: ${event.entry.message}`);
        return;
      case 'stage-measuring':
        line(`${label(event.index, event.plugin)} measuring`);
        return;
      case 'warning':
        line(`warning: ${event.message}`);
        return;
      default:
        return;
    }
  };
}
