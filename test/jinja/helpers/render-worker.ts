/**
 * Worker side of the guarded renderer: renders templates it is sent and reports how each ended.
 * Running in a worker lets the main thread stop a render that never finishes (an infinite loop
 * in the engine would otherwise freeze the test runner, timers included).
 */
import { parentPort } from 'node:worker_threads';
import { createCorpusEnvironment, describeThrown, renderNamed, TemplateError } from './engine.js';

export interface RenderRequest {
  id: number;
  source: string;
  context: Record<string, unknown>;
}

export type RenderReply =
  | { id: number; type: 'output'; length: number }
  | { id: number; type: 'template-error'; kind: string; line: number | undefined; message: string }
  | { id: number; type: 'foreign-error'; detail: string }
  | { id: -1; type: 'unhandled-rejection'; detail: string }
  | { id: 0; type: 'ready' };

const port = parentPort;
if (port === null) throw new Error('render-worker must run in a worker thread');

process.on('unhandledRejection', (reason) => {
  port.postMessage({
    id: -1,
    type: 'unhandled-rejection',
    detail: describeThrown(reason),
  } satisfies RenderReply);
});

port.on('message', async (request: RenderRequest) => {
  // A fresh name per request: the environment may cache parsed templates by name.
  const name = `__property__/${request.id}.jinja`;
  let reply: RenderReply;
  try {
    const env = createCorpusEnvironment({ [name]: request.source });
    const output = await renderNamed(env, name, request.context);
    reply =
      typeof output === 'string'
        ? { id: request.id, type: 'output', length: output.length }
        : {
            id: request.id,
            type: 'foreign-error',
            detail: `render resolved to ${typeof output}, not a string`,
          };
  } catch (error) {
    reply =
      error instanceof TemplateError
        ? {
            id: request.id,
            type: 'template-error',
            kind: error.kind,
            line: error.line,
            message: error.format(),
          }
        : { id: request.id, type: 'foreign-error', detail: describeThrown(error) };
  }
  port.postMessage(reply);
});

// Loading tsx and the engine takes a while; renders are timed only from here on.
port.postMessage({ id: 0, type: 'ready' } satisfies RenderReply);
