// A provider's inspections as an inline SVG: graded inspections on an ordinal grade axis, interim
// outcomes and visits as markers in lanes below it, all on one time axis. Pure: history in, SVG out.
import { formatDateRange } from '../../alerts/render/format-dates.js';
import { capitalise, kindLabel } from '../../alerts/render/labels.js';
import { GRADE_LABEL, GRADE_RANK, GRADED_KINDS, gradeScale, type Grade, type InterimOutcome, type ReportKind } from '../../ofsted/vocabulary.js';
import type { HistoryEntry } from '../../store/store.js';
import { html, type Html } from '../../render/html.js';
import { reportAnchor } from './report-anchor.js';
import { round, timeAxis, type TimeAxis } from './time-axis.js';

export type GradeScaleName = 'four-point' | 'report-card';
export type TimelineLane = 'graded' | 'interim' | 'visit';

/** One inspection or visit placed on the chart. */
export interface TimelineMark {
  fileId: string;
  /** ISO day the inspection started. */
  date: string;
  kind: ReportKind;
  lane: TimelineLane;
  /** Set on the graded lane. */
  grade: Grade | null;
  scale: GradeScaleName | null;
  /** Set on interim inspections when the report gives one. */
  outcome: InterimOutcome | null;
  /** Plain text: what a marker's tooltip and the data table say. */
  label: string;
  x: number;
  y: number;
}

export interface TimelineRow {
  scale: GradeScaleName;
  rank: number;
  label: string;
  y: number;
}

export interface TimelineLayout {
  width: number;
  height: number;
  axis: TimeAxis;
  /** Grade rows, best first within each scale; four-point above report-card when both appear. */
  rows: TimelineRow[];
  lanes: { lane: Exclude<TimelineLane, 'graded'>; label: string; y: number }[];
  marks: TimelineMark[];
  /** Polylines joining graded inspections of the same scale, in date order. */
  lines: { scale: GradeScaleName; points: [number, number][] }[];
  /** y of the time axis line. */
  axisY: number;
}

const WIDTH = 720;
const LEFT = 150;
const RIGHT = WIDTH - 24;
const TOP = 14;
const ROW = 30;
const SCALE_GAP = 12;
const LANE = 30;

const SCALE_RANKS: Readonly<Record<GradeScaleName, number[]>> = {
  'four-point': [4, 3, 2, 1],
  'report-card': [5, 4, 3, 2, 1],
};

/** Short row labels; older grades that share a rank with requires-improvement are named beside it. */
const ROW_NAME: Partial<Record<Grade, string>> = {
  'requires-improvement': 'Requires improvement',
};

/** Where each stored inspection goes: graded kinds with a rankable overall on the grade axis. */
function laneOf(entry: HistoryEntry): { lane: TimelineLane; scale: GradeScaleName | null } {
  if (GRADED_KINDS.has(entry.kind) && entry.overall && GRADE_RANK[entry.overall] !== null) {
    return { lane: 'graded', scale: gradeScale(entry.overall) };
  }
  if (entry.kind === 'childrens-home-interim') return { lane: 'interim', scale: null };
  // Monitoring and assurance visits, focused visits, and graded kinds without a usable grade.
  return { lane: 'visit', scale: null };
}

/** What an inspection concluded, in words: "Inadequate", "Sustained effectiveness"; "" for an ungraded visit. */
export function entryOutcome(entry: HistoryEntry): string {
  if (entry.kind === 'childrens-home-interim') {
    return entry.interimOutcome ? `${capitalise(entry.interimOutcome)} effectiveness` : 'Outcome not read';
  }
  if (entry.overall) return GRADE_LABEL[entry.overall];
  return GRADED_KINDS.has(entry.kind) ? 'No overall grade' : '';
}

/** "Full inspection, 29–30 Oct 2019: Inadequate" (plain text, not escaped). */
export function markLabel(entry: HistoryEntry): string {
  const when = formatDateRange(entry.inspectionStart, entry.inspectionEnd) ?? 'date unknown';
  const outcome = entryOutcome(entry);
  return `${capitalise(kindLabel(entry.kind))}, ${when}${outcome ? `: ${outcome}` : ''}`;
}

/** Inspections with a start date, oldest first (the store's order, kept stable). */
function dated(history: readonly HistoryEntry[]): (HistoryEntry & { inspectionStart: string })[] {
  return history
    .filter((h): h is HistoryEntry & { inspectionStart: string } => typeof h.inspectionStart === 'string' && /^\d{4}-\d{2}-\d{2}/.test(h.inspectionStart))
    .map((h, i) => ({ h, i }))
    .sort((a, b) => a.h.inspectionStart.localeCompare(b.h.inspectionStart) || a.i - b.i)
    .map(({ h }) => h);
}

function rowLabel(scale: GradeScaleName, rank: number, present: ReadonlySet<Grade>): string {
  const grades = (Object.keys(GRADE_RANK) as Grade[]).filter((g) => GRADE_RANK[g] === rank && gradeScale(g) === scale);
  if (grades.length === 1) return GRADE_LABEL[grades[0]!];
  // Rank 2 of the four-point scale: requires-improvement, or adequate/satisfactory on older reports.
  const shown = grades.filter((g) => present.has(g));
  const names = (shown.length ? shown : ['requires-improvement' as Grade]).map((g) => ROW_NAME[g] ?? GRADE_LABEL[g]);
  return names.join(' / ');
}

/** Positions of every marker, row and lane; the SVG is drawn from this (and tests read it). */
export function timelineLayout(history: readonly HistoryEntry[]): TimelineLayout {
  const entries = dated(history).map((h) => ({ h, ...laneOf(h) }));
  const present = new Set(entries.flatMap((e) => (e.lane === 'graded' && e.h.overall ? [e.h.overall] : [])));
  const scales = (['four-point', 'report-card'] as const).filter((s) => entries.some((e) => e.scale === s));
  // Without any graded inspection the familiar four-point scale is still drawn, empty.
  if (scales.length === 0) scales.push('four-point');

  const rows: TimelineRow[] = [];
  let y = TOP;
  scales.forEach((scale, i) => {
    if (i > 0) y += SCALE_GAP;
    for (const rank of SCALE_RANKS[scale]) {
      rows.push({ scale, rank, label: rowLabel(scale, rank, present), y: y + ROW / 2 });
      y += ROW;
    }
  });
  const lanes: TimelineLayout['lanes'] = [];
  if (entries.some((e) => e.lane === 'interim')) {
    lanes.push({ lane: 'interim', label: 'Interim', y: y + LANE / 2 });
    y += LANE;
  }
  if (entries.some((e) => e.lane === 'visit')) {
    lanes.push({ lane: 'visit', label: 'Visits, ungraded', y: y + LANE / 2 });
    y += LANE;
  }
  const axisY = y + 6;
  const axis = timeAxis(
    entries.map((e) => e.h.inspectionStart),
    LEFT,
    RIGHT,
  );

  const marks: TimelineMark[] = entries.map(({ h, lane, scale }) => {
    let markY: number;
    if (lane === 'graded') {
      const rank = GRADE_RANK[h.overall!]!;
      markY = rows.find((r) => r.scale === scale && r.rank === rank)?.y ?? TOP;
    } else {
      markY = lanes.find((l) => l.lane === lane)?.y ?? axisY;
    }
    return {
      fileId: h.fileId,
      date: h.inspectionStart.slice(0, 10),
      kind: h.kind,
      lane,
      grade: lane === 'graded' ? h.overall : null,
      scale,
      outcome: h.kind === 'childrens-home-interim' ? h.interimOutcome : null,
      label: markLabel(h),
      x: axis.x(h.inspectionStart),
      y: markY,
    };
  });
  const lines = scales
    .map((scale) => ({
      scale,
      points: marks.filter((m) => m.lane === 'graded' && m.scale === scale).map((m): [number, number] => [m.x, m.y]),
    }))
    .filter((l) => l.points.length > 1);

  return { width: WIDTH, height: axisY + 24, axis, rows, lanes, marks, lines, axisY };
}

/**
 * One or two sentences saying what the chart shows, for its <desc> and for readers who skip it:
 * "3 graded inspections from 8 Jan 2019 to 10 Dec 2019: Good, then Inadequate, then Requires improvement to be good. …"
 */
export function timelineSummary(history: readonly HistoryEntry[]): string {
  const marks = timelineLayout(history).marks;
  if (marks.length === 0) return 'No inspection with a date is stored yet.';
  const graded = marks.filter((m) => m.lane === 'graded');
  const parts: string[] = [];
  if (graded.length > 0) {
    const first = graded[0]!;
    const last = graded.at(-1)!;
    const grades = graded.map((m) => GRADE_LABEL[m.grade!]);
    const sequence = grades.length <= 12 ? grades.join(', then ') : `${grades[0]} first, ${grades.at(-1)} latest`;
    parts.push(
      graded.length === 1
        ? `1 graded inspection, on ${formatDateRange(first.date, null)}: ${grades[0]}.`
        : `${graded.length} graded inspections from ${formatDateRange(first.date, null)} to ${formatDateRange(last.date, null)}: ${sequence}.`,
    );
  } else {
    parts.push('No graded inspection.');
  }
  const interims = marks.filter((m) => m.lane === 'interim');
  if (interims.length > 0) {
    const outcomes = interims.map((m) => m.outcome ?? 'not read').join(', ');
    parts.push(`${interims.length} interim inspection${interims.length === 1 ? '' : 's'} (${outcomes}).`);
  }
  const visits = marks.filter((m) => m.lane === 'visit').length;
  if (visits > 0) parts.push(`${visits} visit${visits === 1 ? '' : 's'} or ungraded report${visits === 1 ? '' : 's'}.`);
  return parts.join(' ');
}

function marker(m: TimelineMark): Html {
  // Kinds and grades are our own slugs, but they come back from the store: escaped like any data.
  const tip = html`<title>${m.label}</title>`;
  let shape: Html;
  if (m.lane === 'graded') {
    const grade = m.grade ?? 'none';
    shape = html`<circle class="point grade-${grade}" cx="${m.x}" cy="${m.y}" r="6" data-date="${m.date}" data-kind="${m.kind}" data-grade="${grade}">${tip}</circle>`;
  } else if (m.lane === 'interim') {
    const outcome = m.outcome ?? 'unknown';
    const { x, y } = m;
    // Up for improved, down for declined, a diamond for sustained (or not read).
    const points =
      outcome === 'improved'
        ? [[x, y - 7], [x + 7, y + 5], [x - 7, y + 5]]
        : outcome === 'declined'
          ? [[x - 7, y - 5], [x + 7, y - 5], [x, y + 7]]
          : [[x, y - 7], [x + 6, y], [x, y + 7], [x - 6, y]];
    const at = points.map(([px, py]) => `${round(px!)},${round(py!)}`).join(' ');
    shape = html`<polygon class="interim interim-${outcome}" points="${at}" data-date="${m.date}" data-kind="${m.kind}" data-outcome="${outcome}">${tip}</polygon>`;
  } else {
    const graded = GRADED_KINDS.has(m.kind) ? ' not-graded' : '';
    shape = html`<rect class="visit${graded}" x="${round(m.x - 5)}" y="${round(m.y - 5)}" width="10" height="10" data-date="${m.date}" data-kind="${m.kind}">${tip}</rect>`;
  }
  return html`<a href="#${reportAnchor(m.fileId)}">${shape}</a>`;
}

/** A row's label; two grades sharing a rank ("Requires improvement / Adequate") go on two lines to fit the margin. */
function rowLabelText(row: TimelineRow): Html {
  const [first, ...rest] = row.label.split(' / ');
  if (rest.length === 0) return html`<text class="label" x="${LEFT - 8}" y="${row.y + 4}" text-anchor="end">${row.label}</text>`;
  return html`<text class="label" x="${LEFT - 8}" y="${row.y - 2}" text-anchor="end">${first ?? ''}<tspan x="${LEFT - 8}" dy="12">/ ${rest.join(' / ')}</tspan></text>`;
}

export interface TimelineChartOptions {
  /** The chart's accessible name, e.g. "Inspections of Oak House (SC036243)". Plain text. */
  title: string;
  /** Prefix for the ids of <title> and <desc> (unique on the page). @defaultValue "timeline" */
  idPrefix?: string;
}

/** The timeline as inline SVG (no script, no style attribute: coloured by site.css classes). */
export function renderTimelineChart(history: readonly HistoryEntry[], options: TimelineChartOptions): Html {
  const layout = timelineLayout(history);
  const id = options.idPrefix ?? 'timeline';
  const { axis } = layout;
  const rows = layout.rows.map((row) => html`<line class="grid" x1="${LEFT}" x2="${RIGHT}" y1="${row.y}" y2="${row.y}"/>${rowLabelText(row)}`);
  const lanes = layout.lanes.map(
    (lane) =>
      html`<line class="grid lane" x1="${LEFT}" x2="${RIGHT}" y1="${lane.y}" y2="${lane.y}"/><text class="label" x="${LEFT - 8}" y="${lane.y + 4}" text-anchor="end">${lane.label}</text>`,
  );
  const ticks = axis.ticks.map(
    (tick) =>
      html`<line class="axis" x1="${tick.x}" x2="${tick.x}" y1="${TOP}" y2="${layout.axisY + 4}"/><text class="label" x="${tick.x}" y="${layout.axisY + 17}" text-anchor="middle">${tick.year}</text>`,
  );
  const lines = layout.lines.map((line) => html`<polyline class="line" points="${line.points.map(([x, y]) => `${x},${y}`).join(' ')}"/>`);
  return html`<svg class="chart timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${layout.width} ${layout.height}" role="img" aria-labelledby="${id}-title ${id}-desc"><title id="${id}-title">${options.title}</title><desc id="${id}-desc">${timelineSummary(history)}</desc>${rows}${lanes}<line class="axis" x1="${LEFT}" x2="${RIGHT}" y1="${layout.axisY}" y2="${layout.axisY}"/>${ticks}${lines}${layout.marks.map(marker)}</svg>`;
}
