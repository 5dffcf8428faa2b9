// The owner portfolio chart: the share of homes rated good or better as a step line against a dashed
// 100% target, each step marked by which way it moved and naming the homes behind it, over bars of how
// many homes were graded (right axis). Pure.
import { formatDay } from '../../alerts/render/format-dates.js';
import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import { html, type Html } from '../../render/html.js';
import { stepDirection, type PortfolioChange, type PortfolioStep } from './portfolio-share.js';
import { round, timeAxis, type TimeAxis } from './time-axis.js';

const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 48;
// Room on the right for the home counts' axis.
const RIGHT = WIDTH - 44;
const TOP = 14;
const BOTTOM = HEIGHT - 30;

export interface PortfolioPoint {
  date: string;
  share: number;
  /** Homes graded on that date (the bars). */
  homes: number;
  direction: 'declined' | 'improved' | 'other';
  x: number;
  y: number;
  /** Plain text for the tooltip: "29 Oct 2019: SC036243 Oak House: Good → Inadequate. 1 of 3 homes good or better (33%)". */
  label: string;
}

export interface PortfolioLayout {
  width: number;
  height: number;
  axis: TimeAxis;
  points: PortfolioPoint[];
  /** The step line's SVG path (horizontal until the next date, then vertical). */
  path: string;
  /** The home count as a stepped area: its SVG path, closed along the 0 line. */
  homesPath: string;
  /** Right-axis ticks of the home count. */
  homeTicks: { count: number; y: number }[];
  /** y of 100% (the target line) and of 0%. */
  targetY: number;
  zeroY: number;
}

/** "33%" — whole percentages: a portfolio is a handful of homes, decimals would be noise. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** "1 of 3 homes good or better (33%)". */
export function shareText(step: Pick<PortfolioStep, 'graded' | 'goodOrBetter' | 'share'>): string {
  return `${step.goodOrBetter} of ${step.graded} home${step.graded === 1 ? '' : 's'} good or better (${percent(step.share)})`;
}

/** "SC036243 Oak House: Good → Inadequate" (plain text); a first grade reads "first graded Good". */
export function changeText(c: PortfolioChange): string {
  const home = c.name?.trim() ? `${c.urn} ${c.name.trim()}` : c.urn;
  if (c.grade === null) return `${home}: closed`;
  if (c.from === null) return `${home}: first graded ${GRADE_LABEL[c.grade]}`;
  if (c.from === c.grade) return `${home}: ${GRADE_LABEL[c.grade]} again`;
  return `${home}: ${GRADE_LABEL[c.from]} → ${GRADE_LABEL[c.grade]}`;
}

function yOf(share: number): number {
  return round(BOTTOM - share * (BOTTOM - TOP));
}

/** A round top for the home count's axis (1, 2, 5, 10, 20, …), so its ticks are whole numbers. */
function countScale(max: number): number {
  for (let unit = 1; ; unit *= 10) {
    for (const m of [1, 2, 5]) if (m * unit >= max) return m * unit;
  }
}

export function portfolioLayout(steps: readonly PortfolioStep[]): PortfolioLayout {
  const axis = timeAxis(
    steps.map((s) => s.date),
    LEFT,
    RIGHT,
  );
  const points = steps.map((s) => ({
    date: s.date,
    share: s.share,
    homes: s.graded,
    direction: stepDirection(s),
    x: axis.x(s.date),
    y: yOf(s.share),
    label: `${formatDay(s.date)}: ${s.changes.map(changeText).join('; ')}. ${shareText(s)}`,
  }));
  let path = '';
  points.forEach((p, i) => {
    path += i === 0 ? `M${p.x} ${p.y}` : `H${p.x}V${p.y}`;
  });
  // The last share still holds: carry it to the end of the axis.
  if (points.length > 0) path += `H${RIGHT}`;

  const top = countScale(Math.max(1, ...points.map((p) => p.homes)));
  const yCount = (n: number) => round(BOTTOM - (n / top) * (BOTTOM - TOP));
  let homesPath = '';
  if (points.length > 0) {
    homesPath = `M${points[0]!.x} ${BOTTOM}`;
    for (const p of points) homesPath += `H${p.x}V${yCount(p.homes)}`;
    homesPath += `H${RIGHT}V${BOTTOM}Z`;
  }
  const homeTicks = [0, top / 2, top].filter((n) => Number.isInteger(n)).map((count) => ({ count, y: yCount(count) }));
  return { width: WIDTH, height: HEIGHT, axis, points, path, homesPath, homeTicks, targetY: yOf(1), zeroY: yOf(0) };
}

/** One sentence for the chart's <desc>: where the share stands now and how often it met the target. */
export function portfolioSummary(steps: readonly PortfolioStep[]): string {
  const last = steps.at(-1);
  if (!last) return 'No home of this owner has a graded inspection stored yet.';
  const met = steps.filter((s) => s.graded > 0 && s.goodOrBetter === s.graded).length;
  const declines = steps.filter((s) => stepDirection(s) === 'declined').length;
  return (
    `From ${formatDay(steps[0]!.date)} to ${formatDay(last.date)}. Latest, on ${formatDay(last.date)}: ${shareText(last)}. ` +
    `All graded homes were good or better after ${met} of the ${steps.length} changes; a home declined on ${declines} date${declines === 1 ? '' : 's'}.`
  );
}

export interface PortfolioChartOptions {
  /** Accessible name, plain text. */
  title: string;
  /** @defaultValue "portfolio" */
  idPrefix?: string;
}

/** Down triangle for a decline, up for an improvement, a circle otherwise: told apart by shape, not colour alone. */
function marker(p: PortfolioPoint): Html {
  const tip = html`<title>${p.label}</title>`;
  const data = html`data-date="${p.date}" data-share="${round(p.share)}" data-homes="${p.homes}" data-direction="${p.direction}"`;
  const { x, y } = p;
  if (p.direction === 'other') return html`<circle class="point step-other" cx="${x}" cy="${y}" r="4" ${data}>${tip}</circle>`;
  const pts = p.direction === 'declined' ? [[x - 7, y - 5], [x + 7, y - 5], [x, y + 7]] : [[x, y - 7], [x + 7, y + 5], [x - 7, y + 5]];
  const at = pts.map(([px, py]) => `${round(px!)},${round(py!)}`).join(' ');
  return html`<polygon class="point step-${p.direction}" points="${at}" ${data}>${tip}</polygon>`;
}

/** The chart as inline SVG, coloured by site.css classes (no style attributes, no script). */
export function renderPortfolioChart(steps: readonly PortfolioStep[], options: PortfolioChartOptions): Html {
  const id = options.idPrefix ?? 'portfolio';
  const layout = portfolioLayout(steps);
  const grid = [0, 0.25, 0.5, 0.75].map((share) => {
    const y = yOf(share);
    return html`<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${y}" y2="${y}"/><text class="label" x="${LEFT - 6}" y="${y + 4}" text-anchor="end">${percent(share)}</text>`;
  });
  const ticks = layout.axis.ticks.map(
    (tick) =>
      html`<line class="axis" x1="${tick.x}" x2="${tick.x}" y1="${layout.zeroY}" y2="${layout.zeroY + 4}"/><text class="label" x="${tick.x}" y="${layout.zeroY + 17}" text-anchor="middle">${tick.year}</text>`,
  );
  const plot =
    layout.points.length === 0
      ? html`<text class="label" x="${(LEFT + RIGHT) / 2}" y="${(TOP + BOTTOM) / 2}" text-anchor="middle">No graded inspection stored yet</text>`
      : html`<path class="homes" d="${layout.homesPath}"><title>Homes graded, right-hand scale</title></path>${layout.homeTicks.map(
          (t) => html`<text class="label homes-label" x="${RIGHT + 6}" y="${t.y + 4}">${t.count}</text>`,
        )}<text class="label homes-label" x="${WIDTH - 2}" y="${HEIGHT - 4}" text-anchor="end">homes</text><path class="line step" d="${layout.path}"/>${layout.points.map(marker)}`;
  return html`<svg class="chart portfolio" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${options.title}</title><desc id="${id}-desc">${portfolioSummary(steps)}</desc>${grid}<line class="target" x1="${LEFT}" x2="${RIGHT}" y1="${layout.targetY}" y2="${layout.targetY}"/><text class="label" x="${LEFT - 6}" y="${layout.targetY + 4}" text-anchor="end">100%</text><text class="label target-label" x="${RIGHT}" y="${layout.targetY - 4}" text-anchor="end">target: all good or better</text><line class="axis" x1="${LEFT}" x2="${RIGHT}" y1="${layout.zeroY}" y2="${layout.zeroY}"/>${ticks}${plot}</svg>`;
}
