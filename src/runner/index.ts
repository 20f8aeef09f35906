/** Executing nodes on a warehouse: the runner's public face. */
export { EventBus, type Listener, type NodeInfo, type RunEvent } from './events.js';
export { wrapTestSql } from './execute-test.js';
export { incrementalStrategy } from './incremental.js';
export { jsonPrinter, terminalPrinter, timestamp } from './printer.js';
export { isFailure, type NodeResult, type NodeStatus, summarize } from './results.js';
export {
  compiledPath,
  type ExternalGate,
  errorMessage,
  type RunNodesOptions,
  runNodes,
} from './run-nodes.js';
export { type RunFlags, RunState } from './run-state.js';
export { type ExternalOutcome, schedule, ThreadPool, type WorkItem } from './scheduler.js';
export { SqlFileWriter } from './sql-file-writer.js';
export { genericTestKwargs } from './test-context.js';
