import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadInputError } from '../../../src/errors.js';
import { ProviderRowFilter, filterKey } from '../../../src/ofsted/provider-data/provider-filter.js';

const HEADER = ['URN', 'Provision type', 'Local authority', 'Organisation which owns the provider'];

function filtered(filter: ConstructorParameters<typeof ProviderRowFilter>[0], rows: string[][]): { kept: string[]; f: ProviderRowFilter } {
  const f = new ProviderRowFilter(filter);
  f.useHeader(HEADER, 'test.csv');
  return { kept: rows.filter((r) => f.matches(r)).map((r) => r[0]!), f };
}

describe('ProviderRowFilter', () => {
  it('folds case, spacing, apostrophes, punctuation and "&"', () => {
    assert.equal(filterKey(' Brighton  &  Hove '), filterKey('brighton and hove'));
    assert.equal(filterKey('Bristol, City of'), filterKey('bristol city of'));
    assert.equal(filterKey('Children’s Home'), filterKey("children's home"));
    assert.notEqual(filterKey('Childrens home'), filterKey("Children's home"));
  });

  it('keeps a row only when every given column holds one of its names', () => {
    const rows = [
      ['SC1', "Children's home", 'Derby', 'Derby City Council'],
      ['SC2', "Children's home", 'Derbyshire', 'Derbyshire County Council'],
      ['SC3', 'Independent Fostering Agency', 'Derby', 'A Ltd'],
    ];
    assert.deepEqual(filtered({ localAuthority: ['derby'] }, rows).kept, ['SC1', 'SC3']);
    assert.deepEqual(filtered({ localAuthority: ['Derby', 'Derbyshire'], providerType: ["children's home"] }, rows).kept, ['SC1', 'SC2']);
    assert.deepEqual(filtered({}, rows).kept, ['SC1', 'SC2', 'SC3']);
  });

  it('names the near spellings of a name no row holds', () => {
    const { f } = filtered({ localAuthority: ['Dreby'], owner: ['Derby Council'] }, [
      ['SC1', "Children's home", 'Derby', 'Derby City Council'],
      ['SC2', "Children's home", 'Dorset', 'Dorset Council'],
    ]);
    assert.throws(() => f.assertMatched('test.csv'), (e: Error) => e instanceof BadInputError && /"Dreby" \(--la\): near names: Derby$/.test(e.message));
  });

  it('refuses a table without the column a filter reads', () => {
    const f = new ProviderRowFilter({ owner: ['X'] });
    assert.throws(() => f.useHeader(['URN', 'Local authority'], 'old.csv'), /old\.csv has no owner column/);
  });
});
