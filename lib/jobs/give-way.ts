import { subscribe, unsubscribe } from "node:diagnostics_channel";
import type { ServerResponse } from "node:http";

/**
 * The job worker inside an app server gives way to the people that server is answering. On a
 * small machine a robot's statements and a person's click compete for the same cores, and the
 * click is what someone waits for: before each of its statements the worker waits while this
 * process is answering a request — up to WAIT_MS at a time, and never more than SHARE of its time,
 * so under steady traffic robots still run at half speed or better.
 *
 * A request counts for its first INTERACTIVE_MS only: a live-update stream or a long export is
 * not a click someone is waiting on, and must not stop the robots for as long as it lasts.
 */
export const WAIT_MS = 50;
export const SHARE = 0.5;
export const INTERACTIVE_MS = 1000;
/** The share is kept per window: idle time long past earns no right to stop the robots later. */
export const WINDOW_MS = 1000;
const CREDIT_MS = 100;
const REQUEST_START = "http.server.request.start";

type State = {
  requests: Map<ServerResponse, number>;
  waiters: Set<() => void>;
  windowStart: number;
  waited: number;
};

// On globalThis: instrumentation (which installs it) and the worker may be bundled apart.
const KEY = Symbol.for("deals-crm.give-way");
const holder = globalThis as unknown as { [KEY]?: State };
const state = (): State => (holder[KEY] ??= { requests: new Map(), waiters: new Set(), windowStart: performance.now() - CREDIT_MS, waited: 0 });

function answering(now: number): boolean {
  for (const started of state().requests.values()) if (now - started < INTERACTIVE_MS) return true;
  return false;
}

/** Counts the requests this process is answering (Node's `http.server.request.start` channel). */
export function trackRequests(): () => void {
  const listener = (message: unknown) => {
    const { response } = message as { response: ServerResponse };
    const s = state();
    s.requests.set(response, performance.now());
    // "close" comes after the last byte and after an abort alike.
    response.once("close", () => {
      s.requests.delete(response);
      if (!answering(performance.now())) for (const wake of [...s.waiters]) wake();
    });
  };
  subscribe(REQUEST_START, listener);
  return () => unsubscribe(REQUEST_START, listener);
}

/**
 * Resolves when the worker may go on: at once (null) when no request is being answered or the
 * worker has used up its share of waiting; otherwise when the requests are answered or WAIT_MS
 * is over, whichever comes first.
 */
export function giveWay(now = performance.now()): Promise<void> | null {
  const s = state();
  if (now - s.windowStart > WINDOW_MS) {
    s.windowStart = now - CREDIT_MS; // a new window starts with a little credit
    s.waited = 0;
  }
  if (!answering(now)) return null;
  const allowance = Math.min(WAIT_MS, SHARE * (now - s.windowStart) - s.waited);
  if (allowance <= 0) return null;
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      s.waiters.delete(wake);
      s.waited += performance.now() - now;
      resolve();
    };
    const timer = setTimeout(wake, allowance);
    s.waiters.add(wake);
  });
}

type Query = (...args: unknown[]) => unknown;

/**
 * A `pg` client whose every statement first gives way. pg takes a promise-returning call or a
 * callback (as its pool's own `query` does): both are kept.
 */
export function givingWay(query: Query): Query {
  return (...args: unknown[]) => {
    const wait = giveWay();
    if (!wait) return query(...args);
    if (typeof args[args.length - 1] === "function") {
      void wait.then(() => query(...args));
      return undefined;
    }
    return wait.then(() => query(...args));
  };
}
