import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { publicationText } from '../../../src/ofsted/site/publication-text.js';

describe('publicationText', () => {
  it('reads the real form quoted from the live site', () => {
    assert.deepEqual(publicationText('Area SEND full inspection, pdf - 15 July 2024'), {
      title: 'Area SEND full inspection',
      publishedAt: '2024-07-15',
    });
  });

  it('reads "PDF" as "pdf", a zero-padded day, dashes and spaces as a page may print them', () => {
    assert.deepEqual(publicationText('  Full inspection,  PDF \u2013 08 September 2026 '), { title: 'Full inspection', publishedAt: '2026-09-08' });
    assert.deepEqual(publicationText('Full inspection, pdf - 8 September 2026'), { title: 'Full inspection', publishedAt: '2026-09-08' });
  });

  it('keeps commas of the title, splitting at the last ", pdf - "', () => {
    assert.deepEqual(publicationText('Inspection of children’s services, pdf version, pdf - 01 March 2024'), {
      title: "Inspection of children's services, pdf version",
      publishedAt: '2024-03-01',
    });
  });

  it('reads nothing from any other form, so no other date can pass for the publication date', () => {
    for (const text of [
      'Full inspection - 29 October 2019, PDF', // the old local site's form (an inspection date)
      'Full inspection',
      'Full inspection, pdf',
      'Full inspection, pdf - ',
      ', pdf - 08 September 2026',
      'Full inspection, pdf - September 2026',
      'Full inspection, pdf - 31 February 2026',
      'Full inspection, pdf - 08 September 2026 (amended 12 October 2026)',
      'Full inspection, docx - 08 September 2026',
    ]) {
      assert.equal(publicationText(text), null, text);
    }
  });
});
