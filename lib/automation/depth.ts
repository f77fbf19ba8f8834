import { AsyncLocalStorage } from "node:async_hooks";

/**
 * How many robot-made stage changes led to the code running now: 0 for a person's change, n+1
 * inside a robot whose run had depth n. A stage change records it on the runs it starts, so
 * "stage A's robot moves to B, whose robot moves back to A" stops after MAX_DEPTH rounds.
 */
export const MAX_DEPTH = 8;

const current = new AsyncLocalStorage<number>();

export function automationDepth(): number {
  return current.getStore() ?? 0;
}

export function withAutomationDepth<T>(depth: number, fn: () => Promise<T>): Promise<T> {
  return current.run(depth, fn);
}
