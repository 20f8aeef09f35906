/**
 * The event stream from the runner: the terminal printer, the JSON log printer and the
 * artifacts writer are listeners of one stream.
 */
import type { NodeResult } from './results.js';

export interface NodeInfo {
  unique_id: string;
  name: string;
  resource_type: string;
  /** `sql table model main.customers`-style description for the START/OK lines. */
  description: string;
}

export type RunEvent =
  | { type: 'run-started'; total: number; command: string; threads: number }
  | { type: 'node-started'; index: number; total: number; node: NodeInfo }
  | { type: 'node-finished'; index: number; total: number; node: NodeInfo; result: NodeResult }
  | { type: 'log'; level: 'info' | 'warn' | 'error' | 'debug'; message: string; node?: string }
  | { type: 'run-finished'; results: NodeResult[]; elapsed: number; interrupted: boolean };

export type Listener = (event: RunEvent) => void;

export class EventBus {
  private readonly listeners: Listener[] = [];
  on(listener: Listener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }
  emit(event: RunEvent): void {
    for (const l of this.listeners) l(event);
  }
}
