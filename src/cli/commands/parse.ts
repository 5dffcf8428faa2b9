import { readFile, stat } from 'node:fs/promises';
import type { Command } from 'commander';
import { BadInputError } from '../../errors.js';
import { parseReportPdf } from '../../ofsted/reports/parse-report.js';
import { GRADE_LABEL } from '../../ofsted/vocabulary.js';
import { printJson } from '../context.js';

export function registerParse(program: Command): void {
  program
    .command('parse')
    .description('parse one Ofsted report PDF offline and print what it says')
    .argument('<file.pdf>', 'report PDF')
    .option('--json', 'print the ParsedReport as JSON')
    .action(async (file: string, opts: { json?: boolean }) => {
      const info = await stat(file).catch(() => null);
      if (!info?.isFile()) throw new BadInputError(`no such file: ${file}`);
      // Larger than any report and more than pdf.js should be asked to hold in memory.
      if (info.size > 60 * 1024 * 1024) throw new BadInputError(`${file} is ${Math.round(info.size / 1048576)} MB; an Ofsted report is far smaller`);
      const report = await parseReportPdf(await readFile(file)).catch((err: Error) => {
        throw new BadInputError(`${file}: ${err.message}`, { cause: err });
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
    });
}
