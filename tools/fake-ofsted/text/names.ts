// Invented adult names for inspectors, managers and responsible individuals (reports name the adults,
// never the children). Combined deterministically, so a provider keeps its people across reports.

import { SeededRandom } from '../util/seeded-random.js';

const FIRST = [
  'Alison', 'Amanda', 'Andrew', 'Angela', 'Ben', 'Caroline', 'Claire', 'Daniel', 'David', 'Deborah', 'Emma',
  'Gareth', 'Hannah', 'Helen', 'Ian', 'Jacqueline', 'James', 'Jane', 'Joanne', 'Karen', 'Kevin', 'Laura',
  'Lindsey', 'Louise', 'Mark', 'Michelle', 'Nicola', 'Paul', 'Rachel', 'Rebecca', 'Richard', 'Sarah',
  'Sharon', 'Simon', 'Stephen', 'Susan', 'Tracey', 'Victoria', 'Wendy', 'Yvonne',
];

const LAST = [
  'Ahmed', 'Bailey', 'Barker', 'Bennett', 'Brookes', 'Chapman', 'Clarke', 'Cooper', 'Davies', 'Dixon',
  'Edwards', 'Fletcher', 'Foster', 'Gibson', 'Griffiths', 'Hall', 'Harrison', 'Hughes', 'Hussain', 'Jackson',
  'Kaur', 'Lawrence', 'Lloyd', 'Marshall', 'Mason', 'Mills', 'Morgan', 'Owen', 'Palmer', 'Parker', 'Patel',
  'Price', 'Reid', 'Richards', 'Shaw', 'Singh', 'Stevens', 'Turner', 'Walsh', 'Webb', 'Wood', 'Wright',
];

/** A full name chosen by a seed string. */
export function personName(seed: string): string {
  const r = new SeededRandom(seed);
  return `${r.pick(FIRST)} ${r.pick(LAST)}`;
}

export const INSPECTOR_TITLES = ['Social Care Inspector', 'Social Care Regulatory Inspector', 'Senior HMI'] as const;
