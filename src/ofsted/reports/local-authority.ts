import type { Judgement, ParsedReport } from '../types.js';
import { normaliseUrn } from '../urn.js';
import {
  GRADE_PATTERN,
  ILACS_WITHOUT_OVERALL_FROM,
  LA_ILACS_AREAS,
  LA_SIF_AREAS,
  OVERALL_EFFECTIVENESS_AREA,
  normaliseGrade,
  type Grade,
  type JudgementArea,
  type ReportKind,
} from '../vocabulary.js';
import { cleanItem, readKeyFindings, readLabelledTable } from './common-fields.js';
import { readInspectionDates, readInspectionTeam } from './generic.js';
import { BULLET_MARK, findAll, sectionBetween } from './labels.js';
import { PARSER_VERSION } from './parser-version.js';
import { lineAt, sentences, type ReportText } from './report-text.js';

export type LocalAuthorityKind = Extract<ReportKind, `la-${string}`>;

type Framework = 'ilacs' | 'sif' | 'focused-visit';

// Headings after which a summary, a list of improvements or a letter's findings has ended.
const CLOSING = [
  /\bThe Office for Standards in Education\b/i,
  /\bIf you would like a copy of this document\b/i,
  /\bCrown copyright\b/i,
  /\bYours sincerely\b/i,
  /\bOfsted will take the findings\b/i,
  // A letter's letterhead, which some extractors print after the first page's body.
  /\b(?:Ofsted\s+)?(?:Piccadilly Gate|Agora\s+6 Cumberland Place|Aviation House)\b/i,
];

/** Parse a local authority children's services report: ILACS (any era), SIF, or a focused visit letter. */
export function parseLocalAuthorityReport(text: ReportText, kind: LocalAuthorityKind): ParsedReport {
  const flat = text.flat;
  const framework: Framework = kind === 'la-focused-visit' ? 'focused-visit' : isSif(text) ? 'sif' : 'ilacs';
  const dates = readInspectionDates(text);

  let judgements: Judgement[] = [];
  let overall: Grade | null = null;
  if (framework === 'ilacs') {
    judgements = readGradedAreas(text, LA_ILACS_AREAS);
    overall = judgements.find((j) => j.key === 'overall-effectiveness')?.grade ?? null;
  } else if (framework === 'sif') {
    overall = readSifHeadline(flat);
    judgements = [
      ...(overall ? [{ area: OVERALL_EFFECTIVENESS_AREA.area, key: OVERALL_EFFECTIVENESS_AREA.key, grade: overall }] : []),
      ...readGradedAreas(text, LA_SIF_AREAS),
    ];
  }

  const report: ParsedReport = {
    urn: readUrn(flat),
    kind,
    inspectionStart: dates?.start ?? null,
    inspectionEnd: dates?.end ?? null,
    overall,
    judgements,
    interimOutcome: null,
    previous: framework === 'ilacs' ? readPrevious(text) : null,
    enforcementSinceLast: null,
    registeredProvider: null,
    registeredManager: null,
    inspectors: readInspectionTeam(text),
    requirements: [],
    recommendations: framework === 'sif' ? readNumberedRecommendations(flat) : readImprovements(text, framework),
    keyFindings: readFindings(text, framework),
    safeguarding: null,
    parserVersion: PARSER_VERSION,
    unreadable: [],
  };
  report.unreadable = unreadableFields(report, framework);
  return report;
}

/** SIF reports open with "Children's services in Derby City are good" and a numbered judgement table. */
function isSif(text: ReportText): boolean {
  const head = text.lines.slice(0, 60).join(' ');
  return (
    SIF_HEADLINE.test(head) ||
    /inspection of services for children in need of help and protection,?\s+children looked after and care leavers/i.test(head) ||
    /children looked after and achieving permanence/i.test(head)
  );
}

// "Children's services in Derby City are good"; "… in Testshire require improvement to be good" has no other verb.
const SIF_HEADLINE = new RegExp(
  `children'?s\\s+services\\s+in\\s+[A-Z][^.]{1,60}?\\s+(?:(?:are|is)\\s+(?:judged\\s+(?:to\\s+be\\s+)?)?${GRADE_PATTERN.source}|(requires?\\s+improvement(?:\\s+to\\s+be\\s+good)?))`,
  'i',
);

/** SIF's overall verdict is a sentence, not a table row. The LSCB's own grade ("The LSCB is outstanding") is not it. */
function readSifHeadline(flat: string): Grade | null {
  const m = SIF_HEADLINE.exec(flat);
  return m ? normaliseGrade(m[1] ?? m[2]) : null;
}

function readGradedAreas(text: ReportText, areas: readonly JudgementArea[]): Judgement[] {
  const values = readLabelledTable(
    text,
    areas.map((a) => ({ key: a.key, labels: a.labels, value: GRADE_PATTERN })),
  );
  return areas.flatMap((a) => {
    const grade = normaliseGrade(values.get(a.key));
    return grade ? [{ area: a.area, key: a.key, grade }] : [];
  });
}

/** LA URNs (5 digits) are seldom printed; read one only when labelled. */
function readUrn(flat: string): string | null {
  const m = /\b(?:unique reference number|URN)\s*(?:\(URN\))?\s*:?\s*(\d{5})\b/i.exec(flat);
  return m ? normaliseUrn(m[1]!) : null;
}

/** "Since its last inspection, when services overall were judged to be outstanding, …" (ILACS opening summary). */
function readPrevious(text: ReportText): ParsedReport['previous'] {
  const summary = openingSummary(text) ?? '';
  const m = new RegExp(
    `\\b(?:last|previous)\\s+(?:full\\s+|standard\\s+)?inspection\\b[^.]{0,80}?\\bjudged\\s+(?:to\\s+be\\s+|as\\s+|to\\s+(?=requires?\\b))?${GRADE_PATTERN.source}`,
    'i',
  ).exec(summary);
  const grade = m ? normaliseGrade(m[1]) : null;
  // Ofsted gives the month and year of the last inspection at most, never the day: no ISO date to give.
  return grade ? { date: null, overall: grade } : null;
}

/**
 * ILACS: the verdict paragraphs between the judgement table and "What needs to improve?". Starts after the
 * table's last label and any grade lines that follow it (pdftotext may print the grade column after the labels).
 */
function openingSummary(text: ReportText): string | null {
  const flat = text.flat;
  const improve = /What needs to improve\b/i.exec(flat);
  if (!improve) return null;
  let tableEnd = -1;
  for (const area of LA_ILACS_AREAS) {
    for (const hit of findAll(flat, area.labels)) if (hit.index < improve.index && hit.end > tableEnd) tableEnd = hit.end;
  }
  if (tableEnd < 0) return null;
  let line = lineAt(text, tableEnd) + 1;
  const gradeLine = new RegExp(`^(?:${GRADE_PATTERN.source}|grade|judgement)$`, 'i');
  while (line < text.lines.length && gradeLine.test(text.lines[line]!)) line++;
  const start = text.lineStarts[line] ?? flat.length;
  return start < improve.index ? flat.slice(start, improve.index) : null;
}

/**
 * "What needs to improve?" (ILACS; focused visits add "in this area of social work practice") or "Areas for
 * improvement" (older focused visits): one item per bullet.
 */
function readImprovements(text: ReportText, framework: Framework): string[] {
  const flat = text.flat;
  const ends = [
    ...CLOSING,
    ...LA_ILACS_AREAS.filter((a) => a.key !== 'overall-effectiveness').map((a) => new RegExp(`(?:the\\s+)?${a.labels.source}\\s*:`, 'i')),
    /\bMain findings\b/i,
    /\bFindings\b/,
    /\bHeadline findings\b/i,
  ];
  const section = sectionBetween(
    flat,
    /\bWhat needs to improve(?:\s+in\s+this\s+(?:area\s+of\s+social\s+work\s+practice|local\s+authority))?\s*\??\s*\d?|\bAreas?\s+for\s+(?:priority\s+)?(?:action|improvement)\s*:?/i,
    ends,
  );
  if (!section) return [];
  let body = section.text;
  // The opening words of a list ("The local authority should:") are not an item.
  body = body.replace(/^[^•▪◼■●\uF000-\uF0FF]{0,120}?\b(?:should|are|is)\s*:\s*/i, '');
  const items = BULLET_MARK.test(body)
    ? body.split(new RegExp(BULLET_MARK.source, 'g'))
    : framework === 'focused-visit' || /^\s*\d+\.\s/.test(body)
      ? body.split(/(?:^|\s)\d{1,2}\.\s+(?=[A-Z])/)
      : [body];
  return items.map(cleanItem).filter((t) => t.length > 15 && /[a-z]/.test(t));
}

/** SIF: the numbered items under "Recommendations" (the contents page's "Recommendations 7" is skipped). */
function readNumberedRecommendations(flat: string): string[] {
  for (const hit of findAll(flat, /\bRecommendations\b/)) {
    const section = sectionBetween(flat, /\bRecommendations\b/, [/\bSummary for children and young people\b/i, /\bThe experiences and progress of\b/i, ...CLOSING], hit.index);
    if (!section) continue;
    const items = section.text
      .split(/(?:^|\s)\d{1,2}\.\s+(?=[A-Z])/)
      .map(cleanItem)
      .filter((t) => t.length > 20 && /[a-z]/.test(t));
    if (items.length > 0) return items;
  }
  return [];
}

/** The opening verdict sentences: ILACS' summary, SIF's executive summary, a letter's headline findings. */
function readFindings(text: ReportText, framework: Framework): string[] {
  const flat = text.flat;
  const usable = (s: string) => s.length >= 25 && s.length <= 500 && /[.!?]$/.test(s);
  if (framework === 'ilacs') {
    const summary = openingSummary(text);
    return summary ? sentences(summary).filter(usable).slice(0, 10) : [];
  }
  if (framework === 'sif') {
    const section = sectionBetween(flat, /\bExecutive summary\b/i, [/\bContents\b/, /\bThe local authority\b(?=\s+Information about)/, /\bInformation about this local authority area\b/i, /\bRecommendations\b/, ...CLOSING]);
    return section ? readKeyFindings([section.text], 6) : [];
  }
  const ends = [/\bWhat needs to improve\b/i, /\bAreas?\s+for\s+(?:priority\s+)?(?:action|improvement)\b/i, /\bMain findings\b/i, /\bFindings\b/, ...CLOSING];
  const headline = sectionBetween(flat, /\bHeadline findings\b/i, ends);
  if (headline) return sentences(headline.text).filter(usable).slice(0, 8);
  // Older letters have no headline heading: their findings open after the sentence naming the framework.
  const opening = /carried out (?:in line with|under) the [^.]*framework[^.]*\.\s*/i.exec(flat);
  if (!opening) return [];
  const rest = sectionBetween(flat, new RegExp(opening[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), ends);
  return rest ? readKeyFindings([rest.text.replace(/^(?:Overview|Summary(?: of findings)?)\s+/, '')], 6) : [];
}

function unreadableFields(r: ParsedReport, framework: Framework): string[] {
  const missing: string[] = [];
  if (!r.inspectionStart) missing.push('inspectionStart');
  if (r.inspectors.length === 0) missing.push('inspectors');
  if (framework === 'focused-visit') return missing;
  const overallExpected = framework === 'sif' || (r.inspectionStart !== null && r.inspectionStart < ILACS_WITHOUT_OVERALL_FROM);
  if (!r.overall && overallExpected) missing.push('overall');
  const has = (key: string) => r.judgements.some((j) => j.key === key);
  const expected =
    framework === 'sif'
      ? LA_SIF_AREAS.map((a) => a.key)
      : ['impact-of-leaders', 'help-and-protection', ...(has('children-in-care-and-care-leavers') ? [] : ['children-in-care', 'care-leavers'])];
  for (const key of expected) if (!has(key)) missing.push(`judgements.${key}`);
  return missing;
}
