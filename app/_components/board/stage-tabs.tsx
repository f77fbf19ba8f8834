"use client";

import { useEffect, useRef, useState, type RefObject } from "react";
import type { BoardColumn } from "@/lib/board/queries";
import type { Locale, Translate } from "@/lib/i18n/translate";

/**
 * On a phone the board shows one stage at a time (the columns snap); these tabs name every stage
 * with its count, like the reference's mobile app: a tap brings its column into view, and a swipe
 * on the board marks the stage now shown. Without JavaScript each tab is a link to its column.
 */
export function StageTabs({ columns, boardRef, locale, t }: { columns: BoardColumn[]; boardRef: RefObject<HTMLDivElement | null>; locale: Locale; t: Translate }) {
  const [active, setActive] = useState(columns[0]?.stage.id ?? 0);
  const tabs = useRef<HTMLElement>(null);

  useEffect(() => {
    const board = boardRef.current;
    if (!board) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        // The column whose left edge is nearest the board's: the one the snap shows.
        let nearest: { id: number; distance: number } | null = null;
        for (const section of board.querySelectorAll<HTMLElement>("[data-stage]")) {
          const distance = Math.abs(section.offsetLeft - board.offsetLeft - board.scrollLeft);
          if (!nearest || distance < nearest.distance) nearest = { id: Number(section.dataset.stage), distance };
        }
        if (nearest) setActive(nearest.id);
      });
    };
    board.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      cancelAnimationFrame(frame);
      board.removeEventListener("scroll", onScroll);
    };
  }, [boardRef]);

  useEffect(() => {
    tabs.current?.querySelector<HTMLElement>('[aria-current="true"]')?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [active]);

  return (
    <nav className="stage-tabs" aria-label={t("board.stageTabs")} ref={tabs}>
      {columns.map(({ stage, stats }) => (
        <a
          key={stage.id}
          href={`#stage-${stage.id}`}
          aria-current={stage.id === active ? "true" : undefined}
          style={{ borderBottomColor: stage.color }}
          onClick={(event) => {
            const board = boardRef.current;
            const section = board?.querySelector<HTMLElement>(`[data-stage="${stage.id}"]`);
            if (!board || !section) return;
            event.preventDefault();
            board.scrollTo({ left: section.offsetLeft - board.offsetLeft, behavior: "smooth" });
            setActive(stage.id);
          }}
        >
          {stage.name} <span className="stage-tab-count">{stats.count.toLocaleString(locale)}</span>
        </a>
      ))}
    </nav>
  );
}
