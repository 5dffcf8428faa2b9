import type { ReportSpec } from '../report-spec.js';
import { renderInterim } from './interim.js';
import { renderLegacy2010 } from './legacy-2010.js';
import { renderLegacy2014 } from './legacy-2014.js';
import type { BuiltReport } from './report-writer.js';
import { renderRss2016 } from './rss-2016.js';
import { renderSccif2016 } from './sccif-2016.js';
import { renderSccifFull } from './sccif-full.js';
import { renderVisit } from './visit.js';

/** The document for one corpus report, by kind. */
export function buildReport(spec: ReportSpec): BuiltReport {
  switch (spec.kind) {
    case 'full':
      return renderSccifFull(spec);
    case 'full-2016':
      return renderSccif2016(spec);
    case 'rss-2016':
      return renderRss2016(spec);
    case 'interim':
      return renderInterim(spec);
    case 'monitoring':
    case 'assurance':
      return renderVisit(spec);
    case 'legacy-2014':
      return renderLegacy2014(spec);
    case 'legacy-2010':
      return renderLegacy2010(spec);
  }
}
