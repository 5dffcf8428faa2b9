import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { personName } from '../text/names.js';
import { addDays, isIsoDate } from '../util/dates.js';
import { repoRoot } from '../util/repo-root.js';
import type { FileIdRegistry } from './file-id.js';
import { completeReports, type ProviderBasics, type ReportDraft } from './synthetic-details.js';
import type { ScenarioProvider, ScenarioReportKind } from './types.js';

const isoDate = z.string().refine(isIsoDate, 'expected an ISO date (YYYY-MM-DD)');
const grade = z.enum(['outstanding', 'good', 'requires-improvement', 'inadequate', 'adequate', 'satisfactory']);

const reportSchema = z.object({
  kind: z.enum(['full', 'interim', 'monitoring', 'assurance', 'legacy-full', 'file']),
  title: z.string().optional(),
  inspectionStart: isoDate,
  inspectionEnd: isoDate.optional(),
  publishedAt: isoDate.optional(),
  grades: z
    .object({
      experiences: grade.optional(),
      protection: grade.optional(),
      leadership: grade.optional(),
      overall: grade.optional(),
      outcomes: grade.optional(),
      qualityOfCare: grade.optional(),
      safety: grade.optional(),
    })
    .optional(),
  interimOutcome: z.enum(['improved', 'sustained', 'declined']).optional(),
  enforcement: z.string().nullable().optional(),
  registeredManager: z.string().nullable().optional(),
  inspectors: z.array(z.string()).optional(),
  requirements: z
    .array(z.object({ regulation: z.string(), text: z.string().optional(), dueDate: isoDate.optional() }))
    .optional(),
  recommendations: z.array(z.string()).optional(),
  keyFindings: z.array(z.string()).optional(),
  file: z.string().optional(),
  withdrawn: z.boolean().optional(),
  source: z.string().min(1),
});

const providerSchema = z.object({
  urn: z.string().min(1),
  category: z.string().min(1),
  /** null: an anonymised children's home. */
  name: z.string().min(1).nullable(),
  providerType: z.string().min(1),
  localAuthority: z.string().nullable(),
  owner: z.string().nullable(),
  registrationDate: isoDate.optional(),
  status: z.string(),
  closedAt: isoDate.optional(),
  places: z.number().int().optional(),
  address: z.string().optional(),
  providerAddress: z.string().optional(),
  responsibleIndividual: z.string().optional(),
  sector: z.string().optional(),
  shortBreaksOnly: z.boolean().optional(),
  source: z.string().min(1),
  reports: z.array(reportSchema),
});

const fileSchema = z.object({ about: z.string(), providers: z.array(providerSchema) });

const DEFAULT_TITLE: Record<Exclude<ScenarioReportKind, 'file'>, string> = {
  full: 'Full inspection',
  'legacy-full': 'Full inspection',
  interim: 'Interim inspection',
  monitoring: 'Monitoring inspection',
  assurance: 'Assurance visit',
};

/** Ofsted publishes roughly three weeks after an inspection; used where the data has no date. */
export const PUBLICATION_LAG_DAYS = 21;

export function curatedJsonPath(): string {
  return join(repoRoot(), 'tools', 'fake-ofsted', 'scenario', 'curated.json');
}

/** Read and validate curated.json, assigning file ids in file order. */
export function loadCurated(registry: FileIdRegistry, path = curatedJsonPath()): ScenarioProvider[] {
  const parsed = fileSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.providers.map((p) => {
    const basics: ProviderBasics = {
      urn: p.urn,
      category: p.category,
      name: p.name,
      providerType: p.providerType,
      localAuthority: p.localAuthority,
      owner: p.owner,
      registrationDate: p.registrationDate ?? null,
      status: p.status,
      closedAt: p.closedAt ?? null,
      places: p.places ?? null,
      address: p.address ?? null,
      providerAddress: p.providerAddress ?? null,
      responsibleIndividual: p.category === 'CARE' ? (p.responsibleIndividual ?? personName(`${p.urn}:ri`)) : null,
      sector: p.sector ?? null,
      shortBreaksOnly: p.shortBreaksOnly ?? false,
      source: p.source,
    };
    const drafts = p.reports.map((r): ReportDraft => {
      if (r.kind === 'file' && (!r.file || !r.title)) {
        throw new Error(`curated.json: ${p.urn} report of ${r.inspectionStart} (kind file) needs "file" and "title"`);
      }
      const end = r.inspectionEnd ?? r.inspectionStart;
      return {
        fileId: registry.assign(p.urn, r.kind, r.inspectionStart),
        kind: r.kind,
        title: r.title ?? (r.kind === 'file' ? '' : DEFAULT_TITLE[r.kind]),
        inspectionStart: r.inspectionStart,
        inspectionEnd: end,
        publishedAt: r.publishedAt ?? addDays(end, PUBLICATION_LAG_DAYS),
        grades: r.grades ?? null,
        interimOutcome: r.interimOutcome ?? null,
        outcome: null,
        file: r.file ?? null,
        source: r.source,
        ...(r.withdrawn !== undefined ? { withdrawn: r.withdrawn } : {}),
        ...(r.enforcement !== undefined ? { enforcement: r.enforcement } : {}),
        ...(r.registeredManager !== undefined ? { registeredManager: r.registeredManager } : {}),
        ...(r.inspectors ? { inspectors: r.inspectors } : {}),
        ...(r.requirements ? { requirements: r.requirements } : {}),
        ...(r.recommendations ? { recommendations: r.recommendations } : {}),
        ...(r.keyFindings ? { keyFindings: r.keyFindings } : {}),
      };
    });
    return { ...basics, reports: completeReports(basics, drafts) };
  });
}
