import { loadConfig, type Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { createExtractor } from '../ofsted/reports/extract/create-extractor.js';
import type { TextExtractor } from '../ofsted/reports/extract/text-extractor.js';
import type { OfstedSite } from '../ofsted/site/ofsted-site.js';
import type { Store } from '../store/store.js';

/**
 * What a command needs, opened lazily: `parse` must work with no database, and a malformed URN must be
 * rejected before anything is opened or fetched.
 */
export class CliContext {
  readonly config: Config;
  readonly logger: Logger;
  private store?: Store;
  private site?: OfstedSite;
  private extractor?: TextExtractor;

  constructor(env: NodeJS.ProcessEnv = process.env) {
    this.config = loadConfig(env);
    // 'error' by default: a failing command must end in exactly one line on stderr, its own.
    this.logger = createLogger(this.config.LOG_LEVEL ?? 'error', {}, this.config.LOG_FORMAT);
  }

  async openStore(): Promise<Store> {
    // Loaded here: `parse` needs no database driver.
    const { openStore } = await import('../store/open-store.js');
    this.store ??= await openStore(this.config.DATABASE_URL);
    return this.store;
  }

  async openSite(): Promise<OfstedSite> {
    // Loaded here: the site reader brings cheerio and undici, which `parse` and the store commands never use.
    const [{ OfstedSite }, { siteOptionsFromConfig }] = await Promise.all([
      import('../ofsted/site/ofsted-site.js'),
      import('../ofsted/site/site-options.js'),
    ]);
    this.site ??= new OfstedSite(siteOptionsFromConfig(this.config, { logger: this.logger }));
    return this.site;
  }

  /** The PDF text extractor PDF_EXTRACTOR names, bounded by MAX_PDF_BYTES. */
  openExtractor(): TextExtractor {
    this.extractor ??= createExtractor(this.config.PDF_EXTRACTOR, { maxBytes: this.config.MAX_PDF_BYTES });
    return this.extractor;
  }

  async close(): Promise<void> {
    await this.extractor?.close();
    await this.site?.close();
    await this.store?.close();
  }
}

/** Print one JSON document on stdout (CONTRACT: `--json` prints exactly one). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
