import type { Judgement } from '../../ofsted/types.js';
import { ALL_JUDGEMENT_AREAS } from '../../ofsted/vocabulary.js';
import type { AlertContext } from './alert-context.js';

// Judgement areas as Ofsted prints them are long ("How well children and young people are helped and
// protected"); a subject read on a phone needs the short name, which the area's key already spells.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  'leadership-management-governance': 'Leadership, management and governance',
  'impact-of-leaders': 'Impact of leaders',
  'sixth-form': 'Sixth form',
  'experiences-and-progress': 'Experiences and progress',
};

/** "Help and protection" for `help-and-protection`. */
export function judgementShortName(key: string): string {
  const known = SHORT_NAMES[key];
  if (known) return known;
  const words = key.replace(/-/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * The judgement a judgement-declined or judgement-improved event is about. The event names it only in its
 * summary ("SC036243: <area>: Good → …"), so it is found among the report's judgements whose grade moved
 * from `from` to `to`, the summary telling apart two that moved alike.
 */
export function eventJudgement(ctx: AlertContext): Pick<Judgement, 'area' | 'key'> | null {
  const { event, report, previous } = ctx;
  const candidates = (report?.judgements ?? []).filter((j) => {
    if (j.key === 'overall-effectiveness' || j.grade !== event.to) return false;
    const before = previous?.judgements.find((p) => p.key === j.key);
    return !previous || before?.grade === event.from;
  });
  const named = candidates.find((j) => event.summary.includes(`: ${j.area}: `));
  if (named) return named;
  if (candidates.length === 1 && candidates[0]) return candidates[0];
  // No report to look in: the summary is "<urn>: <area>: <from> → <to> (…)".
  const m = /^[^:]+: (.+?): [^:]+ → /.exec(event.summary);
  if (!m?.[1]) return null;
  const area = m[1];
  const known = ALL_JUDGEMENT_AREAS.find((a) => a.area === area);
  return { area, key: known?.key ?? area.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') };
}

