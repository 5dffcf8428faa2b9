import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { onConfiguredFilesOrigin, reportFileOf } from '../../../src/ofsted/site/file-url.js';

const FILES = 'https://files.ofsted.gov.uk';
const LOCAL = 'http://127.0.0.1:8701';

describe('reportFileOf', () => {
  it('reads a link on the files origin, or relative to it', () => {
    assert.deepEqual(reportFileOf('https://files.ofsted.gov.uk/v1/file/50252437', FILES), {
      fileId: '50252437',
      url: 'https://files.ofsted.gov.uk/v1/file/50252437',
    });
    assert.deepEqual(reportFileOf('/v1/file/50252437/', LOCAL), { fileId: '50252437', url: `${LOCAL}/v1/file/50252437` });
  });

  it('reads a link on the former host files.api.ofsted.gov.uk as the same file on the configured files origin', () => {
    for (const href of ['https://files.api.ofsted.gov.uk/v1/file/1944123', 'http://files.api.ofsted.gov.uk/v1/file/1944123']) {
      assert.deepEqual(reportFileOf(href, FILES), { fileId: '1944123', url: 'https://files.ofsted.gov.uk/v1/file/1944123' }, href);
      assert.deepEqual(reportFileOf(href, LOCAL), { fileId: '1944123', url: `${LOCAL}/v1/file/1944123` }, href);
    }
  });

  it('takes no other host: not the reports host, not a look-alike, not the former host on another port', () => {
    for (const href of [
      'https://reports.ofsted.gov.uk/v1/file/1',
      'https://files.api.ofsted.gov.uk.evil.example/v1/file/1',
      'https://evil.example/v1/file/1?host=files.api.ofsted.gov.uk',
      'https://files.api.ofsted.gov.uk:8443/v1/file/1',
      'ftp://files.api.ofsted.gov.uk/v1/file/1',
      'https://files.api.ofsted.gov.uk/v1/status',
    ]) {
      assert.equal(reportFileOf(href, FILES), null, href);
    }
  });
});

describe('onConfiguredFilesOrigin', () => {
  it('moves only the former host onto the files origin, path and query kept', () => {
    assert.equal(onConfiguredFilesOrigin(new URL('https://files.api.ofsted.gov.uk/v1/file/7?x=1'), LOCAL).href, `${LOCAL}/v1/file/7?x=1`);
    assert.equal(onConfiguredFilesOrigin(new URL('https://evil.example/v1/file/7'), LOCAL).href, 'https://evil.example/v1/file/7');
  });
});
