import type { ReportKind } from '../vocabulary.js';
import type { ReportText } from './report-text.js';

// The family is read from the document itself (title lines, labels), never from a file name or the
// provider page: Ofsted's link titles and our guesses about them are less reliable than the report.
// Title lines are trusted before words further down: a children's home report talks about the local
// authority and the children's schools, an LA report about children's homes and schools.

const TITLE_LINES = 40;
const TITLE_BLOCK = 8;

// 2015-2017 titles name the setting first: "Children's homes inspection - Full", "Residential special school inspection - Full".
const SETTING_TITLE = String.raw`^(?:(?:secure\s+)?children'?s\s+homes?|residential\s+special\s+schools?)\s+inspection\s*-\s*`;
const CHILDRENS_HOME_TITLES: readonly [RegExp, ReportKind][] = [
  [/^(?:full|standard)\s+inspection$/i, 'childrens-home-full'],
  [/^interim\s+inspection$/i, 'childrens-home-interim'],
  [/^monitoring\s+(?:inspection|visit)$/i, 'childrens-home-monitoring'],
  [/^assurance\s+(?:inspection|visit)$/i, 'childrens-home-assurance'],
  [new RegExp(`${SETTING_TITLE}full$`, 'i'), 'childrens-home-full'],
  [new RegExp(`${SETTING_TITLE}interim$`, 'i'), 'childrens-home-interim'],
  [new RegExp(`${SETTING_TITLE}monitoring$`, 'i'), 'childrens-home-monitoring'],
];

/**
 * Titles of local-authority children's services inspections, every framework: ILACS ("Inspection of Derby City local
 * authority children's services"; 2018-2020 also "Inspection of children's social care services"), the SIF and its
 * re-inspections ("Inspection of services for children in need of help and protection, …"; its verdict line
 * "Children's services in Derby City are good") and the 2012-2013 looked-after children inspections.
 */
const LA_TITLE =
  /\binspection of .{2,80}? local authority children'?s services\b|\binspection of (?:local authority )?children'?s (?:social care )?services\b|\b(?:re-?\s?)?inspection of services for children in need of help and protection\b|^children'?s services in .{2,60}? (?:are|is|requires?)\b|\binspection of (?:safeguarding and )?looked after children'?s? services\b/i;
/**
 * ILACS' first judgement, printed by no other family: it names an LA report whatever its title says (a children's
 * services trust's report is titled with the trust's name).
 */
const ILACS_LEADERS_LABEL = /\bimpact\s+of\s+leaders\s+on\s+(?:social\s+work\s+)?practice\s+with\s+children\s+and\s+families\b/i;
/** Letters: "Focused visit to Derby City children's services", ILACS monitoring visits to an inadequate LA. */
const LA_VISIT_LINE = /^(?:focused|monitoring) visit to .{2,80}? (?:local authority )?children'?s services\b/i;
// Secure children's homes and residential special schools are inspected under the children's homes' framework;
// a residential special school says so in its title or "Provision subtype" line, not merely by naming one.
const CHILDRENS_HOME_SIGNAL =
  /children'?s home\b|social care common inspection framework|\bSC\d{6}\b|\binspection report for (?:a )?residential special school\b|\bprovision sub-?type\s*:?\s*residential special school\b/i;
/** School tables' labels, across frameworks; a children's home or LA report prints none of them. */
const SCHOOL_TABLE_LABEL =
  /\bthe quality of education\b|\bbehaviour and attitudes\b|\bquality of teaching,? learning and assessment\b|\boutcomes for pupils\b|\bpersonal development,? behaviour and welfare\b|\bcurriculum and teaching\b|\battendance and behaviour\b|\bpersonal development and well-?being\b|\bleadership and governance\b/i;

/** Report family and kind, or null when the document does not read as an Ofsted report at all. */
export function detectReportKind(text: ReportText): ReportKind | null {
  const title = text.lines.slice(0, TITLE_LINES);
  const block = text.lines.slice(0, TITLE_BLOCK).join(' ');
  const head = title.join(' ');
  const flat = text.flat;

  const childrensHome = CHILDRENS_HOME_SIGNAL.test(block) || title.some((l) => CHILDRENS_HOME_TITLES.some(([re]) => re.test(l)));
  if (!childrensHome) {
    if (title.some((l) => LA_VISIT_LINE.test(l))) return 'la-focused-visit';
    if (LA_TITLE.test(block) || title.some((l) => LA_TITLE.test(l)) || ILACS_LEADERS_LABEL.test(head)) return 'la-childrens-services';
  }
  if (!childrensHome && isSchool(block, head, flat)) return 'school';

  if (childrensHome || CHILDRENS_HOME_SIGNAL.test(head)) {
    for (const line of title) {
      for (const [re, kind] of CHILDRENS_HOME_TITLES) if (re.test(line)) return kind;
    }
    // Older and letter-style reports say it in a sentence or a "Type of inspection" cell.
    const typed = /type of (?:inspection|visit)\s*:?\s*(full|interim|monitoring|assurance|random|key|announced|unannounced)/i.exec(flat);
    const typeWord = typed?.[1]?.toLowerCase();
    if (typeWord === 'interim') return 'childrens-home-interim';
    if (typeWord === 'monitoring') return 'childrens-home-monitoring';
    if (typeWord === 'assurance') return 'childrens-home-assurance';
    if (/\bassurance (?:visit|inspection)\b/i.test(head)) return 'childrens-home-assurance';
    if (/\bmonitoring (?:visit|inspection)\b/i.test(head)) return 'childrens-home-monitoring';
    if (/\binterim inspection\b/i.test(head)) return 'childrens-home-interim';
    if (typeWord || /overall experiences and progress|overall effectiveness|overall quality rating/i.test(flat)) return 'childrens-home-full';
    // Titled as a children's home report and no kind of visit: before 2015 every such report was of a full
    // ("key" or "random") inspection, whose type cell may have come out away from its label.
    if (childrensHome) return 'childrens-home-full';
  }

  if (/\bofsted\b|\bunique reference number\b|\binspection report\b/i.test(flat)) return 'other';
  return null;
}

/**
 * A school report says so in its title ("School report", "Inspection of Sandgate Primary School") and prints
 * a school framework's judgement labels near the top; a report card without "school" in its name still does.
 */
function isSchool(block: string, head: string, flat: string): boolean {
  if (/^school (?:inspection )?report\b|\bschool report card\b/im.test(block)) return true;
  const named = /\binspection of (?:a |an )?.{2,80}?\b(?:school|academy|college|primary|infants?|juniors?|nursery)\b|\breport card\b/i.test(block);
  if (SCHOOL_TABLE_LABEL.test(head) && (named || /\binspection dates?\b/i.test(head))) return true;
  // Ungraded inspections print no judgement table, only the school's sections.
  return named && /\bWhat is it like to attend this school\b|\bType of school\b|\bSummary of key findings for parents and pupils\b/i.test(flat);
}
