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

async function start(): Promise<void> {
  const handle = await getDbHandle();
  const reconnect = (error: Error) => {
    console.error("[live] listener lost, reconnecting", error.message);
    setTimeout(() => void start().catch(retryLater), 1000);
  };
  const retryLater = (error: unknown) => reconnect(error instanceof Error ? error : new Error(String(error)));
  await handle.listen(DEAL_CHANNEL, dispatch, reconnect);
}

export function subscribeDealChanges(listener: Listener): () => void {
  hub.listeners.add(listener);
  if (!hub.started) {
    hub.started = true;
    start().catch((error: unknown) => {
      hub.started = false;
      console.error("[live] could not listen", error);
    });
  }
  return () => hub.listeners.delete(listener);
}
