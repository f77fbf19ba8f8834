import "server-only";
import { getDbHandle } from "@/db/client";
import { DEAL_CHANNEL, parseDealChange, type DealChange } from "./deal-changes";

type Listener = (change: DealChange) => void;

/**
 * One LISTEN per server process, fanned out to every open board of that process. Each process
 * listens on its own, so two app servers on one database both see every change.
 */
type Hub = { listeners: Set<Listener>; started: boolean };
const holder = globalThis as unknown as { __crmLiveHub?: Hub };
const hub: Hub = (holder.__crmLiveHub ??= { listeners: new Set(), started: false });

function dispatch(payload: string) {
  const change = parseDealChange(payload);
  if (!change) return;
  for (const listener of hub.listeners) listener(change);
}

/**
 * Listens, and after a lost connection (or a failed attempt) tries again every few seconds: one
 * chain of attempts at a time, never two listeners.
 */
function start(): void {
  hub.started = true;
  const retry = (error: unknown) => {
    console.error("[live] not listening, trying again in 3 s:", error instanceof Error ? error.message : error);
    setTimeout(start, 3000);
  };
  getDbHandle()
    .then((handle) => handle.listen(DEAL_CHANNEL, dispatch, retry))
    .catch(retry);
}

export function subscribeDealChanges(listener: Listener): () => void {
  hub.listeners.add(listener);
  if (!hub.started) start();
  return () => hub.listeners.delete(listener);
}
