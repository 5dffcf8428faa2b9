import { createExtractor } from '../../../../src/ofsted/reports/extract/create-extractor.js';
import { realLaCorpusSuite } from './suite.js';

// One pdf.js worker, since the pdftotext half of the corpus runs beside this file on CI's two cores; and a
// generous time limit: this checks reading, not the limit (tested on its own), on a machine CI may load.
realLaCorpusSuite('pdf-parse', () => createExtractor('pdf-parse', { poolSize: 1, timeoutMs: 120_000 }));
