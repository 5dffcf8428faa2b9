import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeOneLine } from '../../../src/alerts/transport/safe-text.js';

describe('safeOneLine', () => {
  it('joins lines and collapses whitespace', () => {
    assert.equal(safeOneLine('550-5.1.1 No such user\r\n550 5.1.1  try again\n'), '550-5.1.1 No such user 550 5.1.1 try again');
  });

  it('blanks out secrets as written and percent-encoded', () => {
    assert.equal(safeOneLine('login p@ss/1 or p%40ss%2F1 failed', ['p@ss/1']), 'login *** or *** failed');
  });

  it('caps the length with an ellipsis', () => {
    const line = safeOneLine('x'.repeat(500), [], 50);
    assert.equal(line.length, 50);
    assert.ok(line.endsWith('…'));
  });
});
