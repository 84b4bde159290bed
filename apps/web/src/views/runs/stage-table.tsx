'use client';
import { StateBadge } from '../../components/badges';
import { TableScroll } from '../../components/table-scroll';
import { formatBytes, formatDuration, formatMj, formatMs, formatPercent, formatPointDelta } from '../../lib/format';
import type { RunData } from '../../lib/run-metrics';

/** Every stage of a run with what was measured after it, and its model for download. */
export function StageTable({ run, caption }: { run: RunData; caption: string }) {
  return (
    <TableScroll label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">State</th>
            <th scope="col" className="num">
              Size
            </th>
            <th scope="col" className="num">
              vs original
            </th>
            <th scope="col" className="num">
              Sparsity
            </th>
            <th scope="col" className="num">
              Bits/weight
            </th>
            <th scope="col" className="num">
              Fidelity
            </th>
            <th scope="col" className="num">
              Accuracy
            </th>
            <th scope="col" className="num">
              Host latency
            </th>
            <th scope="col" className="num">
              Est. latency / energy
            </th>
            <th scope="col" className="num">
              Took
            </th>
            <th scope="col">Model</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">original</th>
            <td>–</td>
            <td className="num">{formatBytes(run.model.sizeBytes)}</td>
            <td className="num">100 %</td>
            <td className="num">–</td>
            <td className="num">–</td>
            <td className="num">1.0000</td>
            <td className="num">–</td>
            <td className="num">–</td>
            <td className="num">–</td>
            <td className="num">–</td>
            <td>–</td>
          </tr>
          {run.stages.map((stage) => {
            const m = stage.metrics;
            return (
              <tr key={stage.index}>
                <th scope="row">
                  {stage.index + 1}. {stage.pluginName} <span className="muted">{stage.pluginVersion}</span>
                </th>
                <td>
                  <StateBadge state={stage.state} />
                  {stage.error && <div className="error">{stage.error.message}</div>}
                </td>
                <td className="num">{formatBytes(m?.sizeBytes)}</td>
                <td className="num">{m?.sizeBytes != null ? formatPercent(m.sizeBytes / run.model.sizeBytes, 1) : '–'}</td>
                <td className="num">{m?.sparsity != null ? formatPercent(m.sparsity, 1) : '–'}</td>
                <td className="num">{m?.bitsPerWeight != null ? m.bitsPerWeight.toFixed(1) : '–'}</td>
                <td className="num">{m?.fidelity ? m.fidelity.cosine.toFixed(4) : '–'}</td>
                <td className="num">
                  {m?.accuracy ? `${formatPercent(m.accuracy.value)} (${formatPointDelta(m.accuracy.deltaVsBaseline)})` : '–'}
                </td>
                <td className="num">{formatMs(m?.latency?.medianMs)}</td>
                <td className="num">{m?.estimate ? `${formatMs(m.estimate.latencyMs)} / ${formatMj(m.estimate.energyMj)}` : '–'}</td>
                <td className="num">{formatDuration(stage.durationMs)}</td>
                <td>
                  {stage.artifact ? (
                    <a href={stage.artifact.downloadUrl} download>
                      Download<span className="visually-hidden"> the model of stage {stage.index + 1}</span> ({formatBytes(stage.artifact.sizeBytes)})
                    </a>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableScroll>
  );
}
