"use client";

import { useEffect, useRef } from "react";
import Sortable from "sortablejs";
import type { Translate } from "@/lib/i18n/translate";
import type { MoveTarget } from "./use-board-move";

type DragOptions = {
  /** Manual order: cards may be dropped between others, and a drop inside a column reorders it. */
  manual: boolean;
  cardsToMove: (draggedId: number) => number[];
  commit: (ids: number[], target: MoveTarget, afterId: number | null) => Promise<void>;
  dragStarted: () => void;
  dragEnded: () => void;
  t: Translate;
};

/**
 * sortablejs on every column and drop zone. The DOM move it makes is put back at once and the
 * change goes through React state, so React stays the only owner of the cards. Returns the ref
 * each list is given under its key: a stage id, `zone:<stage id>` or `zone:delete`.
 */
export function useBoardDrag({ manual, cardsToMove, commit, dragStarted, dragEnded, t }: DragOptions) {
  const lists = useRef(new Map<string, HTMLElement>());

  useEffect(() => {
    const instances: Sortable[] = [];
    for (const [key, element] of lists.current) {
      const isZone = key.startsWith("zone:");
      instances.push(
        Sortable.create(element, {
          group: isZone ? { name: "board", pull: false, put: true } : { name: "board", pull: true, put: true },
          sort: !isZone && manual,
          forceFallback: true,
          fallbackTolerance: 4,
          delay: 150,
          delayOnTouchOnly: true,
          animation: 120,
          draggable: ".board-card.movable",
          filter: "input, select, button, summary, label, .card-move",
          preventOnFilter: false,
          ghostClass: "drag-ghost",
          // Near the board's edge the board scrolls on (to the next stage on a phone); its snapping
          // is off meanwhile, or it would pull the board back a column at every step.
          scroll: true,
          bubbleScroll: true,
          scrollSensitivity: 56,
          scrollSpeed: 14,
          onStart: () => {
            element.closest(".board")?.classList.add("dragging");
            dragStarted();
          },
          onEnd: (event) => {
            const { item, from, to, oldIndex } = event;
            const id = Number(item.dataset.id);
            const ids = cardsToMove(id);
            // The card above the drop point, not counting cards that move along.
            let afterId: number | null = null;
            for (let prev = item.previousElementSibling; prev; prev = prev.previousElementSibling) {
              const prevId = Number((prev as HTMLElement).dataset.id);
              if (prev.classList.contains("board-card") && !ids.includes(prevId)) {
                afterId = prevId;
                break;
              }
            }
            element.closest(".board")?.classList.remove("dragging");
            item.remove();
            from.insertBefore(item, from.children[oldIndex ?? 0] ?? null);
            dragEnded();
            if (to === from && (!manual || event.oldIndex === event.newIndex)) return;
            const toKey = to.dataset.list ?? "";
            if (toKey === "zone:delete") {
              if (!window.confirm(t("board.deleteConfirm", { count: ids.length }))) return;
              void commit(ids, { delete: true }, null);
              return;
            }
            const stageId = Number(toKey.replace("zone:", ""));
            if (!Number.isInteger(stageId) || stageId <= 0) return;
            void commit(ids, { stageId }, manual && !toKey.startsWith("zone:") ? afterId : null);
          },
        }),
      );
    }
    return () => instances.forEach((s) => s.destroy());
  }, [manual, commit, cardsToMove, dragStarted, dragEnded, t]);

  return (key: string) => (element: HTMLElement | null) => {
    if (element) lists.current.set(key, element);
    else lists.current.delete(key);
  };
}
