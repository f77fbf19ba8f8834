"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { BoardColumn } from "@/lib/board/queries";

/**
 * The board's columns as the script holds them, and the reads that keep them: a re-read of every
 * shown column, and the next page of one. `search` is the board's URL query string, so every read
 * has the page's scope and filters. No read lands under a drag (React would move the card
 * sortablejs is holding): it waits for `dragEnded`.
 */
export function useBoardColumns(initial: BoardColumn[], search: string) {
  const [columns, setColumns] = useState(initial);
  const columnsRef = useRef(columns);
  useEffect(() => {
    columnsRef.current = columns;
  }, [columns]);
  const [loading, setLoading] = useState<Set<number>>(new Set());
  const dragging = useRef(false);
  const reloadPending = useRef(false);
  const generation = useRef(0);

  // A server render (after a form, a quick add) replaces what the script holds.
  const [rendered, setRendered] = useState(initial);
  if (rendered !== initial) {
    setRendered(initial);
    setColumns(initial);
  }

  const reload = useCallback(async () => {
    if (dragging.current) {
      reloadPending.current = true;
      return;
    }
    reloadPending.current = false;
    const limits = Object.fromEntries(columnsRef.current.map((c) => [String(c.stage.id), c.cards.length]));
    const params = new URLSearchParams(search);
    params.set("limits", JSON.stringify(limits));
    // Only the newest read may land: an older one, or one that started before a local move,
    // would put cards back where they were.
    const mine = ++generation.current;
    const response = await fetch(`/deals/kanban/columns?${params}`).catch(() => null);
    const fresh = response?.ok ? ((await response.json()) as BoardColumn[]) : null;
    if (!fresh || mine !== generation.current) return;
    if (dragging.current) reloadPending.current = true;
    else setColumns(fresh);
  }, [search]);

  /** The script changed the columns itself (a move, or its undoing): reads already on their way are stale. */
  const changedLocally = useCallback(() => {
    generation.current++;
  }, []);

  const dragStarted = useCallback(() => {
    dragging.current = true;
  }, []);

  /** The card sortablejs held is back in React's hands: a read that waited for it runs now. */
  const dragEnded = useCallback(() => {
    dragging.current = false;
    if (reloadPending.current) void reload();
  }, [reload]);

  const loadMore = useCallback(
    async (stageId: number) => {
      const column = columnsRef.current.find((c) => c.stage.id === stageId);
      if (!column?.next || loading.has(stageId) || dragging.current) return;
      setLoading((l) => new Set(l).add(stageId));
      const mine = generation.current;
      const params = new URLSearchParams(search);
      params.set("stage", String(stageId));
      params.set("cursor", column.next);
      const response = await fetch(`/deals/kanban/cards?${params}`).catch(() => null);
      const page = response?.ok ? ((await response.json()) as { cards: BoardColumn["cards"]; next: string | null }) : null;
      setLoading((l) => {
        const next = new Set(l);
        next.delete(stageId);
        return next;
      });
      // The board was re-read or changed meanwhile: this page may hold cards that have moved.
      if (!page || mine !== generation.current) return;
      if (dragging.current) {
        reloadPending.current = true;
        return;
      }
      setColumns((current) =>
        current.map((c) => {
          if (c.stage.id !== stageId) return c;
          const have = new Set(c.cards.map((card) => card.id));
          return { ...c, cards: [...c.cards, ...page.cards.filter((card) => !have.has(card.id))], next: page.next };
        }),
      );
    },
    [loading, search],
  );

  // More cards load as a column's end (its [data-more] link) scrolls into view.
  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) void loadMore(Number((entry.target as HTMLElement).dataset.stage));
    });
    document.querySelectorAll<HTMLElement>("[data-more]").forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [columns, loadMore]);

  return { columns, setColumns, columnsRef, reload, changedLocally, dragStarted, dragEnded, loadMore, loading };
}

export type BoardColumns = ReturnType<typeof useBoardColumns>;
