// Regenerates the committed bad-input fixtures in tests/fixtures/bad/ (see tools/corpus/README.md for what
// each one is). Run: node --import tsx tools/corpus/generate-bad-inputs.ts
// Needs LibreOffice, qpdf and poppler-utils; the 300-page and 50 MB PDFs are not committed: tests make
// them with bad-inputs.ts.

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { SeededRandom } from '../fake-ofsted/util/seeded-random.js';
import { repoRoot } from '../fake-ofsted/util/repo-root.js';
import { para, type Block } from './childrens-home/document/blocks.js';
import { renderFodt } from './childrens-home/document/fodt-writer.js';
import { convertToPdf } from './childrens-home/soffice.js';

const OUT = join(repoRoot(), 'tests', 'fixtures', 'bad');
/** A real Ofsted report (ILACS, Derby, 2025) for the truncated file. */
const REAL_REPORT = join(repoRoot(), 'fixtures', 'real', 'pdf', 'ilacs', 'derby_80459_ilacs_2025-07-08.pdf');
/** A corpus report for the encrypted and the scanned-looking files. */
const CORPUS_REPORT = join(repoRoot(), 'tests', 'fixtures', 'reports', 'childrens-home', 'interim-2019-SC486398-sustained.pdf');

const HTML_PAGE = `<!DOCTYPE html>
<html lang="en" class="govuk-template">
<head>
  <meta charset="utf-8">
  <title>Children's home - Find an Ofsted inspection report</title>
  <link rel="stylesheet" href="/assets/application.css">
</head>
<body class="govuk-template__body">
  <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
  <header class="govuk-header" role="banner"><a href="/" class="govuk-header__link">Ofsted</a></header>
  <main id="main-content" role="main">
    <h1>Children's home</h1>
    <p>URN: <strong>SC036243</strong></p>
    <p>Sorry, we could not find the report you asked for. It may have been replaced by a newer version.</p>
    <ol class="timeline"><li class="timeline__day"><a class="publication-link" href="/v1/file/50053467">Full inspection</a></li></ol>
  </main>
  <footer class="govuk-footer" role="contentinfo">Crown copyright</footer>
</body>
</html>
`;

const RECIPE: Block[] = [
  para('title', 'Lemon drizzle cake'),
  para('subtitle', 'Serves eight. Preparation 20 minutes, baking 45 minutes.'),
  para('heading2', 'Ingredients'),
  {
    type: 'list',
    ordered: false,
    items: [
      ['225g unsalted butter, softened'],
      ['225g caster sugar'],
      ['4 eggs'],
      ['225g self-raising flour'],
      ['Finely grated zest of 2 lemons'],
      ['Juice of 1½ lemons and 85g icing sugar for the drizzle'],
    ],
  },
  para('heading2', 'Method'),
  {
    type: 'list',
    ordered: true,
    items: [
      ['Heat the oven to 180C (160C fan) and line a 2lb loaf tin with baking paper.'],
      ['Beat the butter and sugar until pale and creamy, then add the eggs one at a time, mixing well after each.'],
      ['Fold in the flour and lemon zest, spoon the mixture into the tin and level the top.'],
      ['Bake for 45 to 50 minutes, until a skewer pushed into the centre comes out clean.'],
      ['Mix the lemon juice with the icing sugar and spoon it over the cake while it is still warm.'],
    ],
  },
  para('body', 'The cake keeps for three days in an airtight tin. It is good with a cup of tea on a Saturday afternoon.'),
];

async function scannedLike(work: string): Promise<Buffer> {
  // Pages of a real-looking report rendered to JPEG: what a scanner gives, with no text layer at all.
  const scan = ['-jpeg', '-jpegopt', 'quality=60', '-r', '60', '-f', '1', '-l', '2', '-gray'];
  execFileSync('pdftoppm', [...scan, CORPUS_REPORT, join(work, 'scan')]);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    autoFirstPage: false,
    info: { Producer: 'Scanner', Creator: 'Scanner', CreationDate: new Date('2019-10-01T09:00:00Z') },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const page of ['scan-1.jpg', 'scan-2.jpg']) {
    doc.addPage();
    doc.image(readFileSync(join(work, page)), 0, 0, { width: doc.page.width, height: doc.page.height });
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'corpus-bad-'));
  try {
    writeFileSync(join(OUT, 'zero.pdf'), Buffer.alloc(0));
    writeFileSync(join(OUT, 'html-saved-as.pdf'), HTML_PAGE);

    const real = readFileSync(REAL_REPORT);
    writeFileSync(join(OUT, 'truncated.pdf'), real.subarray(0, Math.floor(real.length * 0.3)));

    const r = new SeededRandom('bad:garbled');
    const noise = Buffer.from(Array.from({ length: 16 * 1024 }, () => r.int(0, 255)));
    writeFileSync(join(OUT, 'garbled.pdf'), Buffer.concat([Buffer.from('%PDF-1.7\n%\xE2\xE3\xCF\xD3\n', 'latin1'), noise]));

    execFileSync('qpdf', ['--encrypt', 'ofsted-user', 'ofsted-owner', '256', '--', CORPUS_REPORT, join(OUT, 'encrypted-user-password.pdf')]);

    const fodt = join(work, 'not-ofsted.fodt');
    writeFileSync(
      fodt,
      renderFodt(RECIPE, {
        font: 'Liberation Serif',
        bodySize: 12,
        headingColour: '#7a3e00',
        curly: true,
        header: null,
        footerLines: ['Family recipes'],
        pageNumber: 'number',
        footerOnFirstPage: true,
        borderColour: '#a6a6a6',
        headerShade: null,
        title: 'Lemon drizzle cake',
      }),
    );
    const [recipe] = convertToPdf([fodt], join(work, 'pdf'), work);
    writeFileSync(join(OUT, 'not-ofsted.pdf'), readFileSync(recipe!));

    writeFileSync(join(OUT, 'scanned-like.pdf'), await scannedLike(work));
    console.log(`bad inputs written to ${OUT}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
