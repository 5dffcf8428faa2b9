import { createExtractor } from '../../../../src/ofsted/reports/extract/create-extractor.js';
import { realLaCorpusSuite } from './suite.js';

// A generous time limit: this checks reading, not the limit (tested on its own), on a machine CI may load.
realLaCorpusSuite('pdftotext', () => createExtractor('pdftotext', { timeoutMs: 120_000 }));
