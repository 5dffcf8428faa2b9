// Small pages: not found, the home page, a bot-challenge interstitial, the script-only shells and the
// withdrawn-report notice.

import { renderPage } from './chrome.js';

export function renderNotFoundPage(): string {
  return renderPage({
    title: 'Page not found',
    main: `  <div class="module title-block">
    <div class="container">
      <h1 class="heading--title title-block__heading">Page not found</h1>
    </div>
  </div>
  <div class="container">
    <p>If you typed the web address, check it is correct.</p>
    <p>If you pasted the web address, check you copied the entire address.</p>
    <p>You can <a href="/">search for an inspection report</a> instead.</p>
  </div>`,
  });
}

export function renderHomePage(): string {
  return renderPage({
    title: 'Find an inspection report',
    breadcrumbs: [],
    main: `  <div class="module title-block">
    <div class="container">
      <h1 class="heading--title title-block__heading">Find an inspection report</h1>
    </div>
  </div>
  <div class="container">
    <form action="/search" class="form freetext-search">
      <label class="form-label" for="search_name">Name, URN or keyword</label>
      <input class="form-control" type="text" id="search_name" name="q" value=""/>
      <button class="btn btn--submit">Search</button>
    </form>
  </div>`,
  });
}

/** A "checking your browser" interstitial: 200, no content, reloads itself after a moment. */
export function renderChallengePage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8"/>
  <title>Just a moment...</title>
  <meta name="robots" content="noindex,nofollow">
</head>
<body>
  <div class="challenge-wrapper">
    <p class="challenge-title">Checking your browser before accessing reports.ofsted.gov.uk.</p>
    <p>This process is automatic. Your browser will redirect to your requested content shortly.</p>
    <noscript><p>Please enable JavaScript and cookies to continue.</p></noscript>
  </div>
  <script>setTimeout(function () { location.reload(); }, 800);</script>
</body>
</html>
`;
}

/**
 * A page that only a browser can read: the real page is fetched from /__shell/<same path> and written
 * into the document by script. The shell itself holds no provider data, not even the URN.
 */
export function renderScriptShell(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8"/>
  <title>Ofsted</title>
</head>
<body>
  <noscript>You need JavaScript enabled to view this page.</noscript>
  <div id="app"></div>
  <script>
    fetch('/__shell' + location.pathname, { credentials: 'same-origin' })
      .then(function (r) { return r.text(); })
      .then(function (html) { document.open(); document.write(html); document.close(); });
  </script>
</body>
</html>
`;
}

/**
 * How Ofsted serves some categories (REAL-EVIDENCE §1: `/provider/23/` returns an ~8 KB HTML shell):
 * the site's own chrome around an empty <main>, whose script fetches the page's content from
 * /__shell/<same path>. No <noscript>, no title, no provider data: only a browser can read it.
 */
export function renderChromeShell(): string {
  return renderPage({
    title: 'Find an inspection report',
    main: `  <div id="provider-app" class="container" data-state="loading"></div>
  <script>
    fetch('/__shell' + location.pathname, { credentials: 'same-origin' })
      .then(function (r) { return r.text(); })
      .then(function (html) { document.open(); document.write(html); document.close(); });
  </script>`,
  });
}

/** What a withdrawn report's file URL answers instead of the PDF (status 200, HTML). */
export function renderWithdrawnReportPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8"/>
  <title>We cannot publish this report - Ofsted</title>
</head>
<body>
  <main id="main">
    <h1>We cannot publish this report</h1>
    <p>We cannot publish this report at the moment. It may be published at a later date.</p>
    <p>If you have a question about this report, contact <a href="mailto:enquiries@ofsted.gov.uk">enquiries@ofsted.gov.uk</a>.</p>
  </main>
</body>
</html>
`;
}
