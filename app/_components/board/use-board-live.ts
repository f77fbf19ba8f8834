"use client";

import { useEffect } from "react";

const RELOAD_DELAY_MS = 200;

/**
 * Live updates: the server says which stages changed (by anyone), and when one of the shown
 * stages did, the board re-reads itself through the permission rule. A burst of changes makes
 * one read.
 */
export function useBoardLive(stageIds: number[], reload: () => Promise<void>) {
  // Keyed by the stage ids, not the array (new on every server render): the stream stays open.
  const stageKey = stageIds.join(",");
  useEffect(() => {
    const watched = new Set(stageKey.split(",").map(Number));
    const source = new EventSource("/deals/kanban/events");
    let timer: ReturnType<typeof setTimeout> | undefined;
    source.onmessage = (event) => {
      const change = JSON.parse(event.data as string) as { s: number[] };
      if (!change.s.some((id) => watched.has(id))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void reload(), RELOAD_DELAY_MS);
    };
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [reload, stageKey]);
}
