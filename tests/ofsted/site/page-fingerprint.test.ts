import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pageFingerprint } from '../../../src/ofsted/site/page-fingerprint.js';

const URL_A = 'https://reports.ofsted.gov.uk/provider/CARE/SC036243';
const FILES = 'https://files.ofsted.gov.uk';
const page = (header: string, main: string) => `<html><head><meta name="csrf" content="${header}"></head><body><header>${header}</header><main>${main}</main><footer>${header}</footer></body></html>`;

describe('pageFingerprint', () => {
  it('ignores what changes outside <main> (per-request tokens in the chrome)', () => {
    assert.equal(pageFingerprint(page('token-1', '<h1>Home</h1>'), URL_A, FILES), pageFingerprint(page('token-2', '<h1>Home</h1>'), URL_A, FILES));
  });

  it('changes with the content, the page URL and the files origin', () => {
    const base = pageFingerprint(page('t', '<a href="/v1/file/1">r</a>'), URL_A, FILES);
    assert.notEqual(pageFingerprint(page('t', '<a href="/v1/file/2">r</a>'), URL_A, FILES), base);
    assert.notEqual(pageFingerprint(page('t', '<a href="/v1/file/1">r</a>'), `${URL_A}x`, FILES), base);
    assert.notEqual(pageFingerprint(page('t', '<a href="/v1/file/1">r</a>'), URL_A, 'https://files.example'), base);
  });

  it('covers the whole page when it has no <main>', () => {
    assert.notEqual(pageFingerprint('<body><p>a</p></body>', URL_A, FILES), pageFingerprint('<body><p>b</p></body>', URL_A, FILES));
  });
});
