// The site's page chrome, following the shape of the real reports.ofsted.gov.uk markup saved in
// fixtures/real/html/search_results_folkestone_primary_2023-11.html: skip link, cookie banner, header
// with the logo, breadcrumbs, main, feedback banner and footer. A parser must find its data inside this.

import { escapeHtml } from '../util/html.js';

export interface Crumb {
  label: string;
  href: string;
}

export interface PageOptions {
  title: string;
  /** Inner HTML of <main>. */
  main: string;
  breadcrumbs?: Crumb[];
  /** Canonical URL path, for the dc.identifier meta tag. */
  path?: string;
}

export function renderPage(o: PageOptions): string {
  const crumbs = (o.breadcrumbs ?? [{ label: 'Search again', href: '/' }])
    .map(
      (c, i) =>
        `      <li class="crumb ${i === 0 ? 'back-only' : 'facet-static'}">\n        <a href="${escapeHtml(c.href)}">${escapeHtml(c.label)}</a>\n      </li>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8"/>
  <link rel="stylesheet" href="/css/style.css" />
  <link rel="shortcut icon" type="image/vnd.microsoft.icon" href="/images/favicon.ico">
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <meta http-equiv="X-UA-Compatible" content="ie=edge" />
          <meta name="eGMS.accessibility" scheme="WCAG" content="Double-A">
          <meta name="dcterms.creator" content="Ofsted Communications Team. enquiries@ofsted.gov.uk">
          <meta name="dcterms.publisher" content="Ofsted. enquiries@ofsted.gov.uk">
          <meta name="dc.title" content="Find an inspection report and registered childcare">
          <meta name="dc.language" scheme="ISO 639-2/T" content="eng">
          <meta name="dc.identifier" content="http://reports.ofsted.gov.uk${escapeHtml(o.path ?? '/')}">
          <title>${escapeHtml(o.title)} - Find an Inspection Report - Ofsted</title>
        </head>
<body>

<script> document.body.className = document.body.className + ' js-enabled'; </script>

  <div class="container">
    <a class="skip-link" href="#main">Skip to main content</a>
  </div>
  <div class="main-content">
          <div class="cookie-banner" data-nosnippet="data-nosnippet">
  <div class="container">
    <h2 class="cookie-banner__heading heading--sub">Tell us whether you accept cookies</h2>
    <p class="cookie-banner__message">We use <a href="/privacy">cookies to collect information</a> about how you use this website. We use this information to make the website work as well as possible and improve Ofsted services.</p>
    <div class="cookie-banner__buttons">
      <button class="btn cookie-banner__close">Accept all cookies</button>
      <a class="btn cookie-banner__info" href="/cookies">Set cookie preferences</a>
    </div>
  </div>
</div>
              <header class="header">
  <div class="container">
    <a class="header__home-link" href="/">
      <span class="nonvisual">Ofsted homepage</span>
      <img class="header__logo" src="/images/logo.svg" alt="Ofsted Logo" />
    </a>
  </div>
  <div class="banners">
    <div class="container">
          </div>
  </div>
</header>
              <div class="container">
        <ol class="breadcrumbs">
${crumbs}
      </ol>
      </div>

    <main id="main" tabindex="-1">
${o.main}
    </main>
  </div>

      <div class="phase-beta">
  <div class="container">
      <strong>How was your visit today?</strong>
      <a href="/feedback">Give feedback on our website</a>
  </div>
</div>
<footer class="footer">
  <div class="container">
    <ul class="footer__links list-inline">
              <li><a href="/terms-and-conditions">Terms of use</a></li>
              <li><a href="/copyright">Copyright</a></li>
              <li><a href="/privacy">Privacy</a></li>
              <li><a href="/cookies">Cookies</a></li>
              <li><a href="https://www.gov.uk/government/publications/ofsted-privacy-notices">Ofsted&#039;s privacy notices</a></li>
              <li><a href="/accessibility-statement">Accessibility statement</a></li>
              <li><a href="https://contact.ofsted.gov.uk/contact-form">Contact us</a></li>
          </ul>
    <div class="footer_crown-copyright">
      <p class="footer__copy-right"><a href="https://www.nationalarchives.gov.uk/information-management/re-using-public-sector-information/uk-government-licensing-framework/crown-copyright/">&copy; Crown copyright</a></p>
      <p class="footer__licence">All content is available under the <a href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/">Open Government Licence v3.0</a>, except where otherwise stated</p>
    </div>
  </div>
</footer>

  <script src="/js/jquery-3.6.3.min.js"></script>
  <script defer src="/js/ofsted.core.js"></script>
  <script defer src="/js/ofsted.cookies.js"></script>
  </body>
</html>
`;
}
