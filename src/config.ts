import ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { parseWebhookAllowance } from './alerts/transport/webhook-address-policy.js';
import { BadInputError } from './errors.js';

// Read and validated once at start-up; nothing else reads process.env (see STYLE.md).
// Defaults match CONTRACT.md's environment table.

const origin = z
  .string()
  .url()
  .transform((u) => new URL(u).origin);

const ConfigSchema = z.object({
  /** `sqlite:<path>` or `postgres://…`. @defaultValue sqlite:./data/ofsted-monitor.db */
  DATABASE_URL: z
    .string()
    .regex(/^(sqlite:|postgres(ql)?:\/\/)/, 'must start with sqlite: or postgres://')
    .default('sqlite:./data/ofsted-monitor.db'),
  /** BullMQ's Redis. @defaultValue redis://127.0.0.1:6379 */
  REDIS_URL: z.string().url().optional(),
  /** Origin of provider and search pages. @defaultValue https://reports.ofsted.gov.uk */
  OFSTED_REPORTS_URL: origin.default('https://reports.ofsted.gov.uk'),
  /** Origin of report PDFs. @defaultValue https://files.ofsted.gov.uk */
  OFSTED_FILES_URL: origin.default('https://files.ofsted.gov.uk'),
  /** e.g. smtp://user:pass@host:587; no email without it. */
  SMTP_URL: z.string().url().optional(),
  /** Sender address. @defaultValue ofsted-monitor@localhost */
  ALERT_FROM: z.string().default('ofsted-monitor@localhost'),
  /** Cron (UTC) of discovery: Ofsted's search asked what each watched category published since the last pass. @defaultValue 0 6 * * * */
  SCRAPE_SCHEDULE: z.string().default('0 6 * * *'),
  /** Cron (UTC) of the full per-URN sweep, the safety net that counts what discovery missed. @defaultValue 0 3 * * 0 */
  FULL_SWEEP_SCHEDULE: z.string().default('0 3 * * 0'),
  /** Politeness cap across all workers. @defaultValue 1 */
  REQUESTS_PER_SECOND: z.coerce.number().positive().default(1),
  /**
   * Address the HTTP API listens on: an IP address (0.0.0.0 = every interface, as the container image sets)
   * or localhost. Loopback by default, so a daemon on a laptop or server is not open to its network unasked.
   * @defaultValue 127.0.0.1
   */
  HOST: z
    .union([z.literal('localhost'), z.ipv4(), z.ipv6()], { error: 'must be an IP address (127.0.0.1, 0.0.0.0, ::) or localhost' })
    .default('127.0.0.1'),
  /** HTTP API and dashboard. @defaultValue 3000 */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Bearer token for state-changing HTTP calls. */
  API_TOKEN: z.string().min(1).optional(),
  /** Chromium used by the Playwright fallback. @defaultValue /usr/bin/chromium */
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** pino level. @defaultValue warn for one-shot commands, info for the daemon */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  /** `pretty` (coloured lines) or `json` (one JSON object a line). @defaultValue pretty when stderr is a terminal, else json */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Per-request timeout to Ofsted, ms. @defaultValue 30000 */
  FETCH_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
  /** Attempts per request before giving up (network faults, 5xx, 429). @defaultValue 4 */
  FETCH_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  /** First retry delay, ms; doubles each attempt, with jitter. @defaultValue 1000 */
  FETCH_BACKOFF_MS: z.coerce.number().int().min(0).default(1_000),
  /** Delay before a report that could not be fetched or read is tried again, ms; doubles with each failure in a row. @defaultValue 900000 (15 min) */
  REPORT_RETRY_BACKOFF_MS: z.coerce.number().int().min(0).default(15 * 60 * 1000),
  /** Longest delay between two tries of an unread report, ms. @defaultValue 86400000 (a day) */
  REPORT_RETRY_MAX_MS: z.coerce.number().int().min(0).default(24 * 60 * 60 * 1000),
  /**
   * Failures in a row of one report before it raises scrape-failed; the same bytes judged unreadable this many
   * times are not tried again until the parser version changes. @defaultValue 3
   */
  REPORT_RETRY_LIMIT: z.coerce.number().int().min(1).max(100).default(3),
  /** Largest report PDF accepted, bytes; real reports are 0.1-2 MB. @defaultValue 26214400 (25 MB) */
  MAX_PDF_BYTES: z.coerce.number().int().positive().default(25 * 1024 * 1024),
  /** PDF text reader: pdftotext (poppler), pdf-parse (pdf.js), or auto = pdftotext when installed. @defaultValue auto */
  PDF_EXTRACTOR: z.enum(['auto', 'pdftotext', 'pdf-parse']).default('auto'),
  /** Jobs each daemon or worker process runs at once, per queue. @defaultValue 4 */
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  /** Redis key prefix of the queues; daemons sharing a prefix share the work. @defaultValue bull */
  QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only').default('bull'),
  /** How long a worker holds a job's lock, ms: a crashed worker's job is recovered by another after about this long. @defaultValue 30000 */
  JOB_LOCK_MS: z.coerce.number().int().min(1_000).default(30_000),
  /** Attempts per queue job (network faults, Ofsted unavailable) before it fails. @defaultValue 5 */
  JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  /** First delay before a failed job is retried, ms; doubles each attempt, with jitter. @defaultValue 30000 */
  JOB_BACKOFF_MS: z.coerce.number().int().min(0).default(30_000),
  /** Each sweep's provider jobs start at a random delay up to this, ms, so daemons restarting together do not stampede. @defaultValue 60000 */
  SWEEP_JITTER_MS: z.coerce.number().int().min(0).default(60_000),
  /** On SIGTERM/SIGINT, how long running jobs get to finish before they are released back to the queue, ms. @defaultValue 8000 */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8_000),
  /** Where people reach the daemon's HTTP API, for links in messages (unsubscribe). @defaultValue http://localhost:<PORT> */
  PUBLIC_URL: z.string().url().optional(),
  /** Address told when a URN keeps failing to scrape or a sweep reads too few reports; none = no operator alerts. */
  OPERATOR_EMAIL: z.string().email().optional(),
  /** Failed scrapes in a row of one URN before the operator is told. @defaultValue 3 */
  FAILURE_ALERT_AFTER: z.coerce.number().int().min(1).default(3),
  /** Share of the last day's reports that may be unreadable before the operator is told (at least 5 reports). @defaultValue 0.2 */
  UNREADABLE_ALERT_SHARE: z.coerce.number().min(0).max(1).default(0.2),
  /** Cron (UTC) for daily digests. @defaultValue 0 7 * * * */
  DIGEST_SCHEDULE: z.string().default('0 7 * * *'),
  /** How often the daemon retries unsent messages and catches up on events not yet alerted, ms. @defaultValue 60000 */
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(100).default(60_000),
  /**
   * How often a daemon that owns the schedule checks that its job schedulers are still in Redis (and
   * re-creates any that are gone), and how often pending re-queues of stalled jobs are tried, ms. The
   * check also runs whenever the Redis connection comes back. @defaultValue 60000
   */
  SCHEDULER_CHECK_MS: z.coerce.number().int().min(100).default(60_000),
  /** How late the sweep's next tick may start before /health reports the sweep overdue, ms. @defaultValue 900000 (15 min) */
  SWEEP_OVERDUE_MS: z.coerce.number().int().min(1_000).default(15 * 60_000),
  /**
   * Provider jobs queued again per URN per UTC day after one of its jobs was failed for stalling (its
   * worker died three times); past this the URN waits for the next sweep. 0 turns re-queuing off. @defaultValue 3
   */
  STALL_REQUEUES_PER_DAY: z.coerce.number().int().min(0).max(100).default(3),
  /** Delay before such a re-queued provider job starts, ms. @defaultValue 60000 */
  STALL_REQUEUE_DELAY_MS: z.coerce.number().int().min(0).default(60_000),
  /** Attempts per message before it is given up as failed (backoff doubles from 30 s to 1 h). @defaultValue 30 */
  ALERT_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(30),
  /** First delay before an unsent message is tried again, ms; doubles each attempt up to an hour. @defaultValue 30000 */
  ALERT_BACKOFF_MS: z.coerce.number().int().min(0).default(30_000),
  /** How long a sender holds a message it is sending before another may retry it, ms. @defaultValue 120000 */
  ALERT_LEASE_MS: z.coerce.number().int().min(1_000).default(120_000),
  /**
   * The reverse proxies whose X-Forwarded-For (and -Proto) to believe: a number of hops, or a comma list of proxy
   * addresses and CIDR networks. Behind a proxy, without it every client shares the proxy's address, so one client's
   * wrong tokens would hold back everyone's. @defaultValue none: the connecting address is the client
   */
  TRUST_PROXY: z
    .string()
    .superRefine((raw, ctx) => {
      try {
        trustProxySetting(raw);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  /**
   * Webhook hosts allowed besides public addresses: a comma list of host names, IP addresses and CIDR networks
   * (e.g. `localhost,10.1.0.0/16`). @defaultValue none: loopback, private, link-local and other non-public addresses are refused
   */
  WEBHOOK_ALLOW_HOSTS: z
    .string()
    .superRefine((raw, ctx) => {
      try {
        parseWebhookAllowance(raw);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
      }
    })
    .optional(),
  /**
   * How long the daemon waits, after a provider-level data file is imported, for the providers it lists to be
   * scraped before it reconciles the file with the store anyway, ms. @defaultValue 172800000 (two days)
   */
  RECONCILE_MAX_WAIT_MS: z.coerce.number().int().min(0).default(2 * 24 * 60 * 60 * 1000),
});

export type Config = z.infer<typeof ConfigSchema>;

/** Parse an environment into config; throws one readable line per bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const result = ConfigSchema.safeParse(blankAsUnset);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigError(`bad configuration: ${issue?.path.join('.')} ${issue?.message}`);
  }
  return result.data;
}

/** A bad environment variable: exit 2 with one line naming it (never its value: it may be a secret). */
export class ConfigError extends BadInputError {}

/** TRUST_PROXY as fastify's trustProxy takes it: the first n hops trusted, or the list of proxy addresses and networks. */
export function trustProxySetting(raw: string | undefined): string[] | ((address: string, hop: number) => boolean) | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  if (/^\s*\d+\s*$/.test(raw)) {
    const hops = Number(raw);
    return (_address, hop) => hop < hops;
  }
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const valid = entry.includes('/') ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry);
    if (!valid) throw new Error(`not a number of hops, an IP address or a CIDR network: ${JSON.stringify(entry.slice(0, 60))}`);
  }
  return list;
}
