// Invented people: registered managers, responsible individuals and inspectors. Published reports name
// adults in these roles (never children); these names belong to nobody in particular.

import { SeededRandom } from '../../../fake-ofsted/util/seeded-random.js';

const FIRST = [
  'Amira', 'Bethan', 'Callum', 'Deborah', 'Eilidh', 'Farah', 'Gareth', 'Hannah', 'Imogen', 'Jasvinder',
  'Kieran', 'Lorraine', 'Marcus', 'Nadia', 'Oliver', 'Priya', 'Rhiannon', 'Sandeep', 'Tamsin', 'Usha',
  'Victor', 'Wendy', 'Yusuf', 'Zoe', 'Adebayo', 'Bronwen', 'Ciaran', 'Delroy', 'Esther', 'Fiona',
  'Graham', 'Harriet', 'Ifeoma', 'Joanne', 'Kwame', 'Leanne', 'Moira', 'Niall', 'Olwen', 'Patrick',
];

const LAST = [
  'Ashworth', 'Bainbridge', 'Chaudhry', 'Dempsey', 'Ellison', 'Fairbairn', 'Gallagher', 'Hargreaves',
  'Iqbal', 'Jennings', 'Kowalski', 'Lockwood', 'McAllister', 'Nwosu', 'Oduya', 'Pemberton', 'Quigley',
  'Rowntree', 'Sutcliffe', 'Thornton', 'Underwood', 'Varley', 'Whitfield', 'Yeoman', 'Ackroyd',
  'Brennan', 'Cartwright', 'Dlamini', 'Entwistle', 'Fitzgerald', 'Greenhalgh', 'Holroyd', 'Kaur-Bassi',
  'Lindqvist', 'Mensah', 'Okonkwo', 'Pritchard', 'Ramsbottom', 'Stanislawski', 'Tennant',
];

/** A name for a role in a report, distinct from the names in `taken`. */
export function personName(seed: string, taken: readonly string[] = []): string {
  const r = new SeededRandom(`name:${seed}`);
  for (;;) {
    const name = `${r.pick(FIRST)} ${r.pick(LAST)}`;
    if (!taken.includes(name)) return name;
  }
}

export const INSPECTOR_TITLES = ['Social Care Inspector', 'Social Care Regulatory Inspector', 'Senior Social Care Inspector'] as const;
