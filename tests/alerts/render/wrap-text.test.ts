import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wrapText } from '../../../src/alerts/render/wrap-text.js';

describe('plain-text wrapping', () => {
  it('fills lines up to the width and breaks between words', () => {
    const lines = wrapText('one two three four five six seven', { width: 14 });
    assert.deepEqual(lines, ['one two three', 'four five six', 'seven']);
  });

  it('indents continuation lines under a list item', () => {
    assert.deepEqual(wrapText('alpha beta gamma delta', { width: 12, first: '- ', rest: '  ' }), ['- alpha beta', '  gamma', '  delta']);
  });

  it('never breaks a URL, even when it is wider than a line', () => {
    const url = `https://files.ofsted.gov.uk/v1/file/${'1'.repeat(60)}`;
    assert.deepEqual(wrapText(`Report: ${url}`, { width: 40 }), ['Report:', url]);
  });

  it('cuts a word longer than a line that is not a URL', () => {
    const lines = wrapText('x'.repeat(100), { width: 40 });
    assert.ok(lines.every((l) => l.length <= 40));
    assert.equal(lines.join(''), 'x'.repeat(100));
  });
});
