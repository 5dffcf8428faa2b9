// The owner portfolio chart: the share of homes rated good or better as a step line against a dashed
// 100% target, so whether "all our homes good or outstanding" held is visible at a glance. Pure.
import { formatDay } from '../../alerts/render/format-dates.js';
import { escapeHtml } from './layout.js';
import type { PortfolioStep } from './portfolio-share.js';
import { round, timeAxis, type TimeAxis } from './time-axis.js';

const WIDTH = 720;
const HEIGHT = 260;
const LEFT = 48;
const RIGHT = WIDTH - 24;
const TOP = 14;
const BOTTOM = HEIGHT - 30;

export interface PortfolioPoint {
  date: string;
  share: number;
  x: number;
  y: number;
  /** Plain text for the tooltip: "29 Oct 2019: 1 of 3 homes good or better (33%)". */
  label: string;
}

export interface PortfolioLayout {
  width: number;
  height: number;
  axis: TimeAxis;
  points: PortfolioPoint[];
  /** The step line's SVG path (horizontal until the next date, then vertical). */
  path: string;
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

function yOf(share: number): number {
  return round(BOTTOM - share * (BOTTOM - TOP));
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
    x: axis.x(s.date),
    y: yOf(s.share),
    label: `${formatDay(s.date)}: ${shareText(s)}`,
  }));
  let path = '';
  points.forEach((p, i) => {
    path += i === 0 ? `M${p.x} ${p.y}` : `H${p.x}V${p.y}`;
  });
  // The last share still holds: carry it to the end of the axis.
  if (points.length > 0) path += `H${RIGHT}`;
  return { width: WIDTH, height: HEIGHT, axis, points, path, targetY: yOf(1), zeroY: yOf(0) };
}

/** One sentence for the chart's <desc>: where the share stands now and how often it met the target. */
export function portfolioSummary(steps: readonly PortfolioStep[]): string {
  const last = steps.at(-1);
  if (!last) return 'No home of this owner has a graded inspection stored yet.';
  const met = steps.filter((s) => s.graded > 0 && s.goodOrBetter === s.graded).length;
  return (
    `From ${formatDay(steps[0]!.date)} to ${formatDay(last.date)}. Latest, on ${formatDay(last.date)}: ${shareText(last)}. ` +
    `All graded homes were good or better after ${met} of the ${steps.length} changes.`
  );
}

export interface PortfolioChartOptions {
  /** Accessible name, plain text. */
  title: string;
  /** @defaultValue "portfolio" */
  idPrefix?: string;
}

/** The chart as an inline SVG string, coloured by site.css classes (no style attributes, no script). */
export function renderPortfolioChart(steps: readonly PortfolioStep[], options: PortfolioChartOptions): string {
  const id = options.idPrefix ?? 'portfolio';
  const layout = portfolioLayout(steps);
  const out: string[] = [
    `<svg class="chart portfolio" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="${id}-title ${id}-desc">`,
    `<title id="${id}-title">${escapeHtml(options.title)}</title>`,
    `<desc id="${id}-desc">${escapeHtml(portfolioSummary(steps))}</desc>`,
  ];
  for (const share of [0, 0.25, 0.5, 0.75]) {
    const y = yOf(share);
    out.push(
      `<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${y}" y2="${y}"/>`,
      `<text class="label" x="${LEFT - 6}" y="${y + 4}" text-anchor="end">${percent(share)}</text>`,
    );
  }
  out.push(
    `<line class="target" x1="${LEFT}" x2="${RIGHT}" y1="${layout.targetY}" y2="${layout.targetY}"/>`,
    `<text class="label" x="${LEFT - 6}" y="${layout.targetY + 4}" text-anchor="end">100%</text>`,
    `<text class="label target-label" x="${RIGHT}" y="${layout.targetY - 4}" text-anchor="end">target: all good or better</text>`,
    `<line class="axis" x1="${LEFT}" x2="${RIGHT}" y1="${layout.zeroY}" y2="${layout.zeroY}"/>`,
  );
  for (const tick of layout.axis.ticks) {
    out.push(
      `<line class="axis" x1="${tick.x}" x2="${tick.x}" y1="${layout.zeroY}" y2="${layout.zeroY + 4}"/>`,
      `<text class="label" x="${tick.x}" y="${layout.zeroY + 17}" text-anchor="middle">${tick.year}</text>`,
    );
  }
  if (layout.points.length === 0) {
    out.push(`<text class="label" x="${(LEFT + RIGHT) / 2}" y="${(TOP + BOTTOM) / 2}" text-anchor="middle">No graded inspection stored yet</text>`);
  } else {
    out.push(`<path class="line step" d="${layout.path}"/>`);
    for (const p of layout.points) {
      const met = p.share === 1 ? 'met' : 'unmet';
      out.push(
        `<circle class="point share-${met}" cx="${p.x}" cy="${p.y}" r="4" data-date="${escapeHtml(p.date)}" data-share="${round(p.share)}"><title>${escapeHtml(p.label)}</title></circle>`,
      );
    }
  }
  out.push('</svg>');
  return out.join('');
}
