import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { ChangeEvent } from '../ofsted/types.js';
import type { Store } from '../store/store.js';
import { deliverDue, type DeliverySummary } from './deliver-messages.js';
import { planAlerts } from './plan-alerts.js';
import { ChannelTransports } from './transport/channel-transports.js';

/**
 * `scrape` without a daemon: plan the alerts of the events it raised and send whatever is due in the
 * outbox now (theirs, and earlier messages still waiting). What cannot be sent stays in the outbox for
 * the next run or the daemon. Returns what happened, or null when there was nothing to do.
 */
export async function alertInProcess(
  events: readonly ChangeEvent[],
  o: { store: Store; logger: Logger; config: Config },
): Promise<(DeliverySummary & { planned: number }) | null> {
  const transports = new ChannelTransports(o.config, { logger: o.logger });
  try {
    const deps = { store: o.store, logger: o.logger, config: o.config, transports };
    const planned = await planAlerts(events, deps);
    const delivered = await deliverDue(deps);
    const busy = planned + delivered.sent + delivered.deferred + delivered.givenUp + delivered.unconfigured;
    return busy > 0 ? { planned, ...delivered } : null;
  } finally {
    await transports.close();
  }
}
