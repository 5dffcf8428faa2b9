import { snapshotReadiness } from '../monitor/reference-snapshot.js';
import { reconcileWithStore } from '../monitor/reconcile-with-store.js';
import { nowIso, type AlertDeps } from './alert-deps.js';
import { operatorMessageKey } from './message-keys.js';
import { queueOperatorMessage } from './operator-alerts.js';

/**
 * The daemon's side of `reconcile`: each imported provider-level data file (a reference snapshot) is
 * compared with the store once the providers it gives inspections of have been scraped since its import
 * (or RECONCILE_MAX_WAIT_MS has passed), and the operator gets one message listing every disagreement.
 * Once per snapshot: the message's key is the snapshot's, and the snapshot is marked reconciled. It only
 * reads the store's inspections, so it can raise no change event. Returns how many snapshots it reconciled.
 */
export async function reconcileImportedSnapshots(deps: AlertDeps): Promise<number> {
  const { store, logger, config } = deps;
  const pending = await store.listReferenceSnapshots({ pending: true });
  if (pending.length === 0) return 0;
  const now = deps.now?.() ?? new Date();
  const providers = new Map((await store.listProviders()).map((p) => [p.urn, p]));
  const watched = new Set((await store.watchList()).map((w) => w.urn));
  let reconciled = 0;
  for (const snapshot of pending) {
    const data = await store.getReferenceSnapshotData(snapshot.id);
    if (!data) continue;
    const readiness = snapshotReadiness({
      importedAt: snapshot.importedAt,
      inspectedUrns: data.inspections.map((i) => i.urn),
      providers,
      watched,
      now,
      maxWaitMs: config.RECONCILE_MAX_WAIT_MS,
    });
    if (!readiness.ready) {
      logger.debug({ file: snapshot.fileName, waitingFor: readiness.waiting.length }, 'reference snapshot waits for its providers to be scraped');
      continue;
    }
    const result = await reconcileWithStore(data, store);
    const alerted = result.disagree.length > 0 && Boolean(config.OPERATOR_EMAIL);
    if (alerted) {
      await queueOperatorMessage(deps, operatorMessageKey('reconcile', snapshot.id, snapshot.importedAt), {
        kind: 'reconcile-disagreements',
        snapshot,
        result,
        unscraped: readiness.waiting,
      });
    }
    const outcome = {
      compared: result.compared,
      agree: result.agree,
      disagreements: result.disagree.length,
      notStored: result.notStored.length,
      unscraped: readiness.waiting.length,
      alerted,
    };
    if (await store.markSnapshotReconciled(snapshot.id, nowIso(deps), outcome)) {
      reconciled += 1;
      logger[outcome.disagreements > 0 ? 'warn' : 'info']({ file: snapshot.fileName, ...outcome }, "reconciled Ofsted's data with the store");
    }
  }
  return reconciled;
}
