"use client";

import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { BoardColumn } from "@/lib/board/queries";

/** The ticked cards, which move together: by drag, or by the selection bar's form. */
export function useBoardSelection(columnsRef: RefObject<BoardColumn[]>) {
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const selectedRef = useRef(selected);
  useEffect(() => {
    selectedRef.current = selected;
  }, [selected]);

  const onSelect = useCallback((id: number, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  /** What a drag of this card moves: the card alone, or, if it is ticked, every ticked card in board order. */
  const cardsToMove = useCallback(
    (draggedId: number): number[] => {
      if (!selectedRef.current.has(draggedId)) return [draggedId];
      return columnsRef.current.flatMap((c) => c.cards.map((card) => card.id)).filter((id) => selectedRef.current.has(id));
    },
    [columnsRef],
  );

  /**
   * A drop uses the selection up at once, so a drag made before its answer arrives moves its own
   * card only. Returns the selection as it was, for `giveBack`.
   */
  const takeForMove = useCallback((ids: number[]): Set<number> => {
    const before = selectedRef.current;
    const rest = new Set([...before].filter((id) => !ids.includes(id)));
    selectedRef.current = rest;
    setSelected(rest);
    return before;
  }, []);

  /** A refused move ticks again the cards it had taken. */
  const giveBack = useCallback((ids: number[], before: Set<number>) => {
    setSelected((current) => new Set([...current, ...ids.filter((id) => before.has(id))]));
  }, []);

  return { selected, onSelect, cardsToMove, takeForMove, giveBack };
}
