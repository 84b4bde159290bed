import { classAccuracy, fidelity, stageMetrics } from '../../test/stage-metrics-fixtures';
import { escapeHtml } from './html-escape';
import { renderReportHtml } from './report-html';
import { buildReport } from './report-json';

const HOSTILE = `<script>alert("pwned")</script><img src=x onerror=alert(1)>`;

function hostileReport() {
  return buildReport({
    modelName: `model "quoted" & <b>bold</b>.onnx`,
    baseline: stageMetrics({ accuracy: classAccuracy([0.9, 0.8, 1, 0.7]) }),
    stages: [
      { plugin: HOSTILE, params: { note: `</td></tr></table>${HOSTILE}` }, metrics: stageMetrics({ sizeBytes: 4_000_000, fidelity: fidelity(0.999, Infinity), accuracy: classAccuracy([0.9, 0.7, 1, 0.7]) }) },
      { plugin: "quantize-int8' onmouseover='x", metrics: stageMetrics({ sizeBytes: 1_000_000, fidelity: fidelity(0.99, 21.3), accuracy: classAccuracy([0.8, 0.2, 1, 0.6]) }) },
    ],
    constraints: { maxSizeBytes: 2_000_000, maxFidelityDrop: 0.001 },
    evaluation: `data <dir>`,
    inputShapes: { '<x>': [1, 3, 48, 192] },
  });
}

describe('renderReportHtml', () => {
  const html = renderReportHtml(hostileReport());

  it('escapes every embedded string: no markup or attribute from plugin names, params or model names survives', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toContain(`' onmouseover='`);
    expect(html).toContain(escapeHtml(HOSTILE));
    expect(html).toContain('model &quot;quoted&quot; &amp; &lt;b&gt;bold&lt;/b&gt;.onnx');
    expect(html).toContain('data &lt;dir&gt;');
    expect(html).toContain('inputs &lt;x&gt; [1, 3, 48, 192]');
    // Only the tags we write appear.
    const tags = new Set(Array.from(html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)/g), (match) => match[1].toLowerCase()));
    const ours = ['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'ul', 'li', 'span', 'div', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'svg', 'line', 'text', 'path', 'g', 'circle', 'rect', 'dl', 'dt', 'dd', 'code'];
    expect([...tags].filter((tag) => !ours.includes(tag))).toEqual([]);
  });

  it('is self-contained: no script, no external resource, and a CSP that forbids both', () => {
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // Attribute values are double-quoted and cannot contain a quote (escaped), so this lists every attribute name.
    const attributes = new Set(Array.from(html.matchAll(/\s([a-zA-Z:-]+)="[^"]*"/g), (match) => match[1].toLowerCase()));
    expect([...attributes].filter((name) => name === 'src' || name === 'href' || name.startsWith('on'))).toEqual([]);
    const urls = Array.from(html.matchAll(/https?:\/\/[^\s"'<>]+/g), (match) => match[0]);
    expect(new Set(urls)).toEqual(new Set(['http://www.w3.org/2000/svg']));
    expect(html).not.toMatch(/@import|url\(/);
  });

  it('contains the three charts and the stage table, for light and dark schemes', () => {
    expect(html).toContain('aria-label="Model size against fidelity per stage"');
    expect(html).toContain('aria-label="Latency per stage"');
    expect(html.match(/aria-label="Per-class accuracy change after stage \d/g)).toHaveLength(2);
    expect(html.match(/<svg /g)?.length).toBe(4);
    // Size/fidelity: one point per measured model (baseline + 2 stages).
    expect(html.match(/<circle class="point"/g)).toHaveLength(3);
    // Class deltas of the last stage: class 1 lost 60 points, shown as the worst.
    expect(html).toContain('worst: class 1 \u221260.0 pt');
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(html).toContain('\u221e dB');
    expect(html).toContain('prefers-color-scheme: dark');
    expect(html).toContain('<meta name="color-scheme" content="light dark">');
  });

  it('shows whether each constraint was met', () => {
    expect(html).toContain('constraints not met');
    expect(html).toMatch(/✔ met<\/span> maxSizeBytes: 1000000 bytes &lt;= 2000000 bytes/);
    expect(html).toMatch(/✘ not met<\/span> maxFidelityDrop/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
