// The dashboard's one stylesheet, served at /assets/site.css so pages need no inline style (the CSP
// allows styles from this origin only). Charts are inline SVG coloured by class, for the same reason.
export const SITE_CSS = `
:root{--ink:#0b0c0c;--muted:#505a5f;--line:#b1b4b6;--bg:#f3f2f1;--link:#1d70b8;
--outstanding:#00703c;--good:#28a197;--ri:#f47738;--inadequate:#d4351c;--other:#6f777b}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.45;color:var(--ink);background:var(--bg)}
a{color:var(--link)}a:focus,button:focus,input:focus,select:focus{outline:3px solid #fd0;outline-offset:0}
header.site{background:#0b0c0c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:baseline}
header.site a{color:#fff;text-decoration:none;font-weight:600}header.site .brand{font-size:1.1rem;margin-right:auto}
main{max-width:68rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;margin:.4rem 0 .8rem}h2{font-size:1.25rem;margin:1.6rem 0 .6rem}h3{font-size:1.05rem;margin:1rem 0 .4rem}
.card{background:#fff;border-radius:6px;padding:1rem;margin:0 0 1rem}
.muted{color:var(--muted)}.small{font-size:.875rem}
.badge{display:inline-block;padding:.1rem .5rem;border-radius:3px;font-weight:700;font-size:.85rem;color:#fff;background:var(--other);white-space:nowrap}
.badge.outstanding,.badge.exceptional{background:var(--outstanding)}.badge.good,.badge.strong-standard{background:var(--good)}
.badge.requires-improvement,.badge.adequate,.badge.satisfactory,.badge.expected-standard,.badge.needs-attention{background:var(--ri);color:#0b0c0c}
.badge.inadequate,.badge.urgent-improvement{background:var(--inadequate)}.badge.none{background:#fff;color:var(--muted);border:1px solid var(--line)}
.move.down{color:var(--inadequate);font-weight:700}.move.up{color:var(--outstanding);font-weight:700}
table{border-collapse:collapse;width:100%;background:#fff}th,td{text-align:left;padding:.45rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
th{font-size:.85rem;color:var(--muted)}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin:0 0 1rem}
form.filters label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select{font:inherit;padding:.35rem .45rem;border:2px solid var(--ink);border-radius:0;min-height:40px;background:#fff}
button{font:inherit;font-weight:600;color:#fff;background:#00703c;border:0;padding:.5rem 1rem;min-height:40px;cursor:pointer;border-radius:3px}
button.secondary{background:#f3f2f1;color:var(--ink);border:2px solid var(--ink)}
.notice{border-left:6px solid var(--link);background:#fff;padding:.6rem 1rem;margin:0 0 1rem}
.notice.error{border-color:var(--inadequate)}
svg.chart{width:100%;height:auto;background:#fff;border-radius:6px}
svg .axis{stroke:var(--line);stroke-width:1}svg .label{fill:var(--muted);font-size:11px}
svg .grade-outstanding,svg .grade-exceptional{fill:var(--outstanding)}svg .grade-good,svg .grade-strong-standard{fill:var(--good)}
svg .grade-requires-improvement,svg .grade-adequate,svg .grade-satisfactory,svg .grade-expected-standard,svg .grade-needs-attention{fill:var(--ri)}
svg .grade-inadequate,svg .grade-urgent-improvement{fill:var(--inadequate)}svg .grade-none{fill:var(--other)}
svg .line{fill:none;stroke:var(--link);stroke-width:2}svg .target{stroke:var(--outstanding);stroke-dasharray:4 3}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:.3rem 0;border-bottom:1px solid #eee}
.table-wrap{overflow-x:auto}
@media (max-width:40rem){main{padding:.5rem}.hide-narrow{display:none}h1{font-size:1.35rem}}
/* Watchlist and events pages (list-pages.ts): pager and filter form. */
nav.pager{display:flex;flex-wrap:wrap;gap:.3rem;margin:1rem 0}
nav.pager a,nav.pager span{display:inline-block;min-width:2.4rem;min-height:40px;padding:.45rem .6rem;text-align:center;background:#fff;border:1px solid var(--line);border-radius:3px}
nav.pager .current{background:var(--ink);color:#fff;border-color:var(--ink);font-weight:700}nav.pager .gap{background:none;border:0}
form.filters a{align-self:center}td.day{white-space:nowrap}
@media (max-width:40rem){form.filters label{flex:1 1 100%}form.filters input,form.filters select{width:100%}}
/* Declines, events and watchlist (declines-page.ts, events-page.ts, watchlist-page.ts): site nav, follow forms, and on a
   phone tables that stack one card per row, each cell labelled from its data-label, so nothing is cut off or hidden. */
header.site nav.site{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}header.site nav a[aria-current=page]{text-decoration:underline;text-underline-offset:.3em}
p.lead{margin:0 0 1rem;color:var(--muted)}section.follow form.follow{margin:.4rem 0}section.follow h2{margin-top:0}
.notice.done{border-color:var(--outstanding)}p.exports{margin:1rem 0}
@media (max-width:40rem){
table.stack,table.stack tbody,table.stack tr,table.stack td{display:block;width:100%}
table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.stack tr{border-bottom:2px solid var(--line);padding:.4rem 0}table.stack td{border:0;padding:.15rem .5rem}
table.stack td:empty{display:none}table.stack td::before{content:attr(data-label);display:block;font-size:.75rem;color:var(--muted)}
header.site{padding:.5rem .75rem}form.filters button{width:100%}
form.filters[role=search] label{flex:1 1 calc(50% - .25rem);min-width:0}form.filters[role=search] input,form.filters[role=search] select{min-width:0}}
/* provider page, owner portfolio (provider-page.ts, owner-page.ts, timeline-chart.ts, portfolio-chart.ts) */
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}dl.facts dt{color:var(--muted);font-size:.9rem}dl.facts dd{margin:0}
h4{font-size:.95rem;margin:.9rem 0 .3rem}.report ul{margin:.2rem 0;padding-left:1.2rem}
figure.chart{margin:0 0 .5rem}figure.chart figcaption{margin:.3rem 0}dl.facts .badge{white-space:normal}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr;gap:0}dl.facts dd{margin-bottom:.4rem}figure.chart{overflow-x:auto}figure.chart svg.chart{min-width:36rem}}
svg .grid{stroke:#e6e6e6;stroke-width:1}svg .point{stroke:#fff;stroke-width:1.5}
svg .interim-improved{fill:var(--outstanding)}svg .interim-declined{fill:var(--inadequate)}svg .interim-sustained,svg .interim-unknown{fill:var(--link)}
svg .visit{fill:var(--muted)}svg .visit.not-graded{fill:#fff;stroke:var(--muted);stroke-width:1.5}
svg .step{stroke-width:2.5}svg .target{stroke-width:2;fill:none}svg .share-met{fill:var(--outstanding)}svg .share-unmet{fill:var(--inadequate)}
svg .target-label{fill:var(--outstanding)}
ul.legend{list-style:none;padding:0;margin:.2rem 0 .6rem;display:flex;flex-wrap:wrap;gap:.2rem 1rem}
.key.graded{color:var(--good)}.key.interim-improved{color:var(--outstanding)}.key.interim-declined{color:var(--inadequate)}.key.interim-sustained{color:var(--link)}.key.visit{color:var(--muted)}
.badge.interim-improved{background:var(--outstanding)}.badge.interim-sustained{background:var(--link)}.badge.interim-declined{background:var(--inadequate)}
details.chart-data{margin:0 0 1rem}details.chart-data summary{cursor:pointer;color:var(--link)}
form.rescrape{margin:0}.card>h2:first-child,.card>h3:first-child{margin-top:0}.notice.job p,.notice.share-now p{margin:0}
/* ---- issue 13 (dash2): phone charts and the owner chart's markers (timeline-chart.ts, portfolio-chart.ts) ---- */
/* A narrow screen scrolls the chart rather than shrinking its text; the rtl box starts scrolled to its right end, */
/* so the latest inspection is in view without script. */
.chart-scroll{overflow-x:auto;direction:rtl}.chart-scroll>svg.chart{direction:ltr;display:block}
@media (max-width:40rem){figure.chart{overflow-x:visible}.chart-scroll>svg.chart{min-width:36rem}}
svg .homes{fill:#e8e8e8;stroke:none}svg .homes-label{fill:var(--muted)}
svg .step-declined{fill:var(--inadequate)}svg .step-improved{fill:var(--outstanding)}svg .step-other{fill:var(--link)}
.key.declined{color:var(--inadequate)}.key.improved{color:var(--outstanding)}.key.other{color:var(--link)}.key.homes{color:#c8c8c8}
ul.chart-moves li{margin:.15rem 0}
`;
