/** The scale ladder as an inline SVG line chart: time to all nodes Ready and pods/s, against nodes. */
export interface LadderPoint {
  readonly nodes: number;
  readonly readyS: number;
  readonly podsPerS: number;
}

const W = 560;
const H = 260;
const M = { left: 50, right: 50, top: 20, bottom: 40 };

export function ladderSvg(points: readonly LadderPoint[]): string {
  const xs = points.map((p) => p.nodes);
  const x = (n: number) => M.left + (xs.length === 1 ? (W - M.left - M.right) / 2 : ((Math.log10(n) - Math.log10(xs[0])) / (Math.log10(xs[xs.length - 1]) - Math.log10(xs[0]))) * (W - M.left - M.right));
  const maxReady = Math.max(...points.map((p) => p.readyS)) * 1.1 || 1;
  const maxPods = Math.max(...points.map((p) => p.podsPerS)) * 1.1 || 1;
  const y = (v: number, max: number) => H - M.bottom - (v / max) * (H - M.top - M.bottom);
  const line = (f: (p: LadderPoint) => number, max: number) => points.map((p) => `${x(p.nodes).toFixed(1)},${y(f(p), max).toFixed(1)}`).join(' ');
  const dots = (f: (p: LadderPoint) => number, max: number, color: string, label: (p: LadderPoint) => string) =>
    points.map((p) => `<circle cx="${x(p.nodes).toFixed(1)}" cy="${y(f(p), max).toFixed(1)}" r="3" fill="${color}"/><text x="${(x(p.nodes) + 5).toFixed(1)}" y="${(y(f(p), max) - 5).toFixed(1)}" font-size="10" fill="${color}">${label(p)}</text>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">`,
    `<line x1="${M.left}" y1="${H - M.bottom}" x2="${W - M.right}" y2="${H - M.bottom}" stroke="#888"/>`,
    ...points.map((p) => `<text x="${x(p.nodes).toFixed(1)}" y="${H - M.bottom + 15}" font-size="11" text-anchor="middle">${p.nodes}</text>`),
    `<text x="${W / 2}" y="${H - 5}" font-size="11" text-anchor="middle">nodes (log scale)</text>`,
    `<text x="5" y="${M.top}" font-size="11" fill="#c33">s to all Ready</text>`,
    `<text x="${W - 5}" y="${M.top}" font-size="11" fill="#36c" text-anchor="end">pods/s</text>`,
    `<polyline points="${line((p) => p.readyS, maxReady)}" fill="none" stroke="#c33" stroke-width="2"/>`,
    `<polyline points="${line((p) => p.podsPerS, maxPods)}" fill="none" stroke="#36c" stroke-width="2"/>`,
    dots((p) => p.readyS, maxReady, '#c33', (p) => `${p.readyS.toFixed(0)} s`),
    dots((p) => p.podsPerS, maxPods, '#36c', (p) => `${p.podsPerS.toFixed(0)}/s`),
    '</svg>',
  ].join('');
}
