import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioProvider, ScenarioReport } from '../scenario/types.js';
import { repoRoot } from '../util/repo-root.js';
import { renderFullInspection } from './full-inspection-report.js';
import { renderInterimInspection } from './interim-inspection-report.js';
import { renderLegacyFull } from './legacy-full-report.js';
import { renderVisit } from './visit-report.js';

/** The PDF bytes of a report: generated for children's-home kinds, read from the repository for 'file'. */
export async function renderReport(provider: ScenarioProvider, report: ScenarioReport): Promise<Buffer> {
  switch (report.kind) {
    case 'full':
      return renderFullInspection(provider, report);
    case 'interim':
      return renderInterimInspection(provider, report);
    case 'monitoring':
    case 'assurance':
      return renderVisit(provider, report);
    case 'legacy-full':
      return renderLegacyFull(provider, report);
    case 'file':
      if (!report.file) throw new Error(`fake-ofsted: report ${report.fileId} has no file`);
      return readFile(join(repoRoot(), report.file));
  }
}
