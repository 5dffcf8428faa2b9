export { startFakeOfsted, DEFAULT_NOW } from './start-fake-ofsted.js';
export type { FakeOfsted, FakeOfstedOptions, Fault, FaultTarget, RequestRecord } from './types.js';
export type {
  Scenario,
  ScenarioGrade,
  ScenarioGrades,
  ScenarioProvider,
  ScenarioReport,
  ScenarioReportKind,
  ScenarioRequirement,
} from './scenario/types.js';
