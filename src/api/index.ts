export type { ApiDeps } from './api-deps.js';
export { allQueues, type ApiQueues } from './api-queues.js';
export { buildApp } from './build-app.js';
export { findJob, type JobView } from './job-view.js';
export {
  countEvents,
  countJobsOf,
  countParseFailure,
  metricsRegistry,
  observeFetch,
  renderMetrics,
} from './metrics.js';
export { startApi, type RunningApi } from './start-api.js';
