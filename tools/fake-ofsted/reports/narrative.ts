// Builds the narrative paragraphs of a report section from the sentence bank, placing the report's key
// findings verbatim and never using a sentence twice in one report.

import type { ScenarioGrade } from '../scenario/types.js';
import {
  ELABORATION,
  EXAMPLES,
  OUTSTANDING,
  TOPICS,
  type Area,
  type Tone,
} from '../text/narrative-bank.js';
import type { SeededRandom } from '../util/seeded-random.js';

const AREAS: readonly Area[] = ['experiences', 'protection', 'leadership'];

/** The section a key finding belongs in: its bank area, else a guess from its words. */
export function areaOf(sentence: string): Area {
  for (const area of AREAS) {
    if (TOPICS[area].some((t) => t.positive.includes(sentence) || t.negative.includes(sentence))) return area;
    if (OUTSTANDING[area].includes(sentence)) return area;
  }
  if (/risk|harm|safe|protect|missing|exploit|restrain/i.test(sentence)) return 'protection';
  if (/manag|leader|staff|supervis|monitor/i.test(sentence)) return 'leadership';
  return 'experiences';
}

/** The tone of a bank sentence; null for sentences from elsewhere. */
export function toneOf(sentence: string): Tone | null {
  for (const area of AREAS) {
    for (const t of TOPICS[area]) {
      if (t.positive.includes(sentence)) return 'positive';
      if (t.negative.includes(sentence)) return 'negative';
    }
    if (OUTSTANDING[area].includes(sentence)) return 'positive';
  }
  return null;
}

/** Tracks what one report has already said. */
export class NarrativeComposer {
  private readonly used = new Set<string>();

  constructor(
    private readonly r: SeededRandom,
    /** Sentences that must not appear (e.g. "without a registered manager" when there is one). */
    private readonly excluded: (sentence: string) => boolean,
    reserved: readonly string[],
  ) {
    // Key findings are placed explicitly; keep them out of the random draw.
    for (const s of reserved) this.used.add(s);
  }

  private take(pool: readonly string[], count: number): string[] {
    const free = pool.filter((s) => !this.used.has(s) && !this.excluded(s));
    const chosen = this.r.sample(free, count);
    for (const s of chosen) this.used.add(s);
    return chosen;
  }

  /** Tone of each paragraph for a judgement: mostly positive when good, mostly negative when weak. */
  private tones(grade: ScenarioGrade | null, count: number): Tone[] {
    return Array.from({ length: count }, (_, i) => {
      switch (grade) {
        case 'outstanding':
          return 'positive';
        case 'good':
          return i === count - 1 && this.r.chance(0.5) ? 'negative' : 'positive';
        case 'requires-improvement':
        case 'adequate':
        case 'satisfactory':
          return i % 2 === 0 ? 'positive' : 'negative';
        default:
          return i === 0 && this.r.chance(0.3) ? 'positive' : 'negative';
      }
    });
  }

  /**
   * `count` paragraphs about one area; `findings` open the first paragraphs. A paragraph keeps to one
   * topic: two or three topic sentences, maybe an example, then a follow-on sentence.
   */
  section(area: Area, grade: ScenarioGrade | null, count: number, findings: readonly string[]): string[] {
    const topics = this.r.shuffle(TOPICS[area]);
    const tones = this.tones(grade, count);
    return tones.map((planned, i) => {
      const topic = topics[i % topics.length];
      const sentences: string[] = [];
      const finding = findings[i];
      // A paragraph opened by a finding keeps the finding's tone.
      const tone = (finding ? toneOf(finding) : null) ?? planned;
      if (finding) sentences.push(finding);
      if (grade === 'outstanding' && i === 0) sentences.push(...this.take(OUTSTANDING[area], 1));
      sentences.push(...this.take(topic ? topic[tone] : [], this.r.int(2, 3)));
      // Top up from the area's other topics so short pools still give full paragraphs.
      if (sentences.length < 3) sentences.push(...this.take(TOPICS[area].flatMap((t) => t[tone]), 3 - sentences.length));
      if (this.r.chance(0.45)) sentences.push(...this.take(EXAMPLES[area][tone], 1));
      sentences.push(...this.take(ELABORATION[tone], this.r.int(1, 2)));
      return sentences.join(' ');
    });
  }
}
