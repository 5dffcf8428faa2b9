import { readFile, stat } from 'node:fs/promises';
import type { Action } from '../lazy-action.js';
import { BadInputError, UnreadableReportError } from '../../errors.js';
import { tooLargeMessage } from '../../ofsted/reports/extract/limit-messages.js';
import { parseReportPdf } from '../../ofsted/reports/parse-report.js';
import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import { printJson } from '../context.js';

export const parseCommand: Action<[string, { json?: boolean }]> = async (ctx, file, opts) => {
  const { MAX_PDF_BYTES } = ctx().config;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new BadInputError(`no such file: ${file}`);
  // Checked before reading: a huge file must not be pulled into memory only to be refused.
  if (info.size > MAX_PDF_BYTES) throw new BadInputError(`${file}: ${tooLargeMessage(info.size)}`);
  const report = await parseReportPdf(await readFile(file), { extractor: ctx().openExtractor() }).catch((err: Error) => {
    throw err instanceof UnreadableReportError ? new BadInputError(`${file}: ${err.message}`, { cause: err }) : err;
  });
  if (opts.json) return printJson(report);
  const lines = [
    `${report.urn ?? 'URN unknown'} · ${report.kind} · inspected ${report.inspectionStart ?? '?'}${report.inspectionEnd && report.inspectionEnd !== report.inspectionStart ? ` to ${report.inspectionEnd}` : ''}`,
    `overall: ${report.overall ? GRADE_LABEL[report.overall] : report.interimOutcome ? `${report.interimOutcome} effectiveness` : 'none'}`,
    ...report.judgements.map((j) => `  ${j.area}: ${GRADE_LABEL[j.grade]}`),
    `requirements: ${report.requirements.length}, recommendations: ${report.recommendations.length}`,
    ...report.keyFindings.map((k) => `  “${k}”`),
  ];
  if (report.unreadable.length) lines.push(`could not read: ${report.unreadable.join(', ')}`);
  process.stdout.write(`${lines.join('\n')}\n`);
};
