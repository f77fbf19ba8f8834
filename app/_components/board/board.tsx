"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import Sortable from "sortablejs";
import { ActionForm } from "@/app/_components/action-form";
import { moveCardAction, selectedCardsAction } from "@/lib/board/actions";
import type { CardField } from "@/lib/board/card-fields";
import { applyMove, undoMove } from "@/lib/board/optimistic";
import type { BoardColumn } from "@/lib/board/queries";
import { initialActionState } from "@/lib/actions/state";
import { formatMoney } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/translate";
import { BoardCardView, type StageChoice } from "./board-card";
import { QuickAdd, type ClientOptions } from "./quick-add";
import { CompleteMove, type PendingMove } from "./complete-move";
import { BoardOptions, missingFromErrors } from "./required-fields";
import type { FieldDefinition } from "@/lib/fields/values";

type Zone = { kind: "stage"; stageId: number; label: string } | { kind: "delete"; label: string };
type Notice = { ok: boolean; text: string; details?: string[] };

export type BoardProps = {
  initial: BoardColumn[];
  /** The board's URL query string: the same scope and filters for every read the script makes. */
  search: string;
  manual: boolean;
  fields: CardField[];
  locale: Locale;
  baseCurrency: string;
  stages: StageChoice[];
  zones: Zone[];
  /** Per column the viewer may add to: the link that opens its quick-add form (one form at a time keeps the page small). */
  addHref: Record<number, string>;
  adding: number | null;
  closeAddHref: string;
  clients: ClientOptions;
  /** Custom fields some stage of this pipeline requires (a drop may ask for them), and people to pick for an employee field. */
  customFields: FieldDefinition[];
  users: { id: number; name: string }[];
  listHref: Record<number, string>;
};

const RELOAD_DELAY_MS = 200;

export function Board(props: BoardProps) {
  const { search, manual, fields, locale, baseCurrency, stages, zones, listHref } = props;
  const t = useMemo(() => translator(locale), [locale]);
  const [columns, setColumns] = useState(props.initial);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [notice, setNotice] = useState<Notice | null>(null);
  const [loading, setLoading] = useState<Set<number>>(new Set());
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const columnsRef = useRef(columns);
  const selectedRef = useRef(selected);
  useEffect(() => {
    columnsRef.current = columns;
    selectedRef.current = selected;
  }, [columns, selected]);
  const dragging = useRef(false);
  const reloadPending = useRef(false);
  const generation = useRef(0);
  const listRefs = useRef(new Map<string, HTMLElement>());

  // A server render (after a form, a quick add) replaces what the script holds.
  const [rendered, setRendered] = useState(props.initial);
  if (rendered !== props.initial) {
    setRendered(props.initial);
    setColumns(props.initial);
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
    // Never re-render the columns under a drag (React would move the card sortablejs is holding):
    // read again when it ends.
    if (dragging.current) reloadPending.current = true;
    else setColumns(fresh);
  }, [search]);

  // Live: the server tells which stages changed; the board re-reads itself through the permission rule.
  // Keyed by the stage ids, not the array (new on every server render): the stream stays open.
  const stageKey = stages.map((s) => s.id).join(",");
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

  const orderedSelection = useCallback((draggedId: number): number[] => {
    if (!selectedRef.current.has(draggedId)) return [draggedId];
    return columnsRef.current.flatMap((c) => c.cards.map((card) => card.id)).filter((id) => selectedRef.current.has(id));
  }, []);

  const commit = useCallback(
    async (ids: number[], target: { stageId: number } | { delete: true }, afterId: number | null) => {
      const before = columnsRef.current;
      const selectedBefore = selectedRef.current;
      generation.current++;
      setColumns(applyMove(before, ids, "stageId" in target ? target.stageId : null, afterId));
      // The drop uses the selection up at once: a drag made before the answer arrives moves its own card only.
      const rest = new Set([...selectedBefore].filter((id) => !ids.includes(id)));
      selectedRef.current = rest;
      setSelected(rest);
      const data = new FormData();
      data.set("quiet", "1");
      ids.forEach((id) => data.append("ids[]", String(id)));
      if (afterId !== null) data.set("afterId", String(afterId));
      let state;
      if ("delete" in target) {
        data.set("op", "delete");
        state = await selectedCardsAction(initialActionState, data);
      } else if (ids.length === 1) {
        data.set("dealId", String(ids[0]));
        data.set("stageId", String(target.stageId));
        state = await moveCardAction(initialActionState, data);
      } else {
        data.set("stageId", String(target.stageId));
        state = await selectedCardsAction(initialActionState, data);
      }
      if (!state.ok) {
        generation.current++;
        setColumns((current) => undoMove(current, before, ids));
        setSelected((current) => new Set([...current, ...ids.filter((id) => selectedBefore.has(id))]));
        // Others' changes that landed while this move was on its way were undone with it.
        void reload();
        const missing = missingFromErrors(state.fieldErrors);
        if (missing.length && ids.length === 1 && "stageId" in target) {
          const title = before.flatMap((c) => c.cards).find((c) => c.id === ids[0])?.title ?? `#${ids[0]}`;
          const stageName = stages.find((s) => s.id === target.stageId)?.name ?? "";
          setPendingMove({ dealId: ids[0]!, title, stageId: target.stageId, stageName, afterId, fields: missing, message: state.message ?? "" });
          return;
        }
        setNotice({ ok: false, text: t("board.notMoved", { reason: state.message ?? t("errors.unexpected") }) });
        return;
      }
      setNotice(state.details?.length ? { ok: true, text: state.message ?? "", details: state.details } : null);
      // Reads that started while the move was on its way are stale; read once more after it.
      await reload();
    },
    [reload, t, stages],
  );

  // sortablejs on every column and drop zone. The DOM move it makes is put back at once and the
  // change goes through React state, so React stays the only owner of the cards.
  useEffect(() => {
    const instances: Sortable[] = [];
    for (const [key, element] of listRefs.current) {
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
          onStart: () => {
            dragging.current = true;
          },
          onEnd: (event) => {
            dragging.current = false;
            const { item, from, to, oldIndex } = event;
            const id = Number(item.dataset.id);
            const ids = orderedSelection(id);
            // The card above the drop point, not counting cards that move along.
            let afterId: number | null = null;
            for (let prev = item.previousElementSibling; prev; prev = prev.previousElementSibling) {
              const prevId = Number((prev as HTMLElement).dataset.id);
              if (prev.classList.contains("board-card") && !ids.includes(prevId)) {
                afterId = prevId;
                break;
              }
            }
            item.remove();
            from.insertBefore(item, from.children[oldIndex ?? 0] ?? null);
            if (reloadPending.current) void reload();
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
  }, [manual, commit, orderedSelection, reload, t]);

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

  // More cards load as a column's end scrolls into view.
  useEffect(() => {
    const observer = new IntersectionObserver((entries) => {
      for (const entry of entries) if (entry.isIntersecting) void loadMore(Number((entry.target as HTMLElement).dataset.stage));
    });
    document.querySelectorAll<HTMLElement>("[data-more]").forEach((el) => observer.observe(el));
    return () => observer.disconnect();
  }, [columns, loadMore]);

  const onSelect = useCallback((id: number, on: boolean) => {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }, []);

  const setListRef = (key: string) => (element: HTMLElement | null) => {
    if (element) listRefs.current.set(key, element);
    else listRefs.current.delete(key);
  };

  return (
    <BoardOptions.Provider value={{ clients: props.clients, baseCurrency, customFields: props.customFields, users: props.users }}>
    <div className="board-wrap">
      {pendingMove && (
        <CompleteMove
          key={`${pendingMove.dealId}:${pendingMove.stageId}`}
          move={pendingMove}
          t={t}
          onCancel={() => setPendingMove(null)}
          onDone={() => {
            setColumns((current) => applyMove(current, [pendingMove.dealId], pendingMove.stageId, pendingMove.afterId));
            setPendingMove(null);
            void reload();
          }}
        />
      )}
      <ActionForm action={selectedCardsAction} id="board-selection" className="selection-bar" label={t("board.moveSelected")}>
        <span aria-live="polite">{t("board.selectedCount", { count: selected.size })}</span>
        <label>
          <span className="visually-hidden">{t("board.moveTo")}</span>
          <select name="stageId" aria-label={t("board.moveTo")} defaultValue="">
            <option value="" disabled>
              {t("board.moveTo")}
            </option>
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" name="op" value="move" className="button small">
          {t("board.moveSelected")}
        </button>
        {zones.some((z) => z.kind === "delete") && (
          <button type="submit" name="op" value="delete" className="button small danger">
            {t("board.deleteSelected")}
          </button>
        )}
      </ActionForm>
      {notice && (
        <div className={`alert ${notice.ok ? "success" : "error"}`} role="alert" data-testid="board-notice">
          {notice.text}
          {notice.details && (
            <ul className="action-details">
              {notice.details.map((line, i) => (
                <li key={i}>{line}</li>
              ))}
            </ul>
          )}
          <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label={t("common.dismiss")}>
            ×
          </button>
        </div>
      )}
      <div className="board" data-testid="board">
        {columns.map((column) => (
          <section key={column.stage.id} className="board-column" aria-label={column.stage.name} data-testid="board-column" data-stage={column.stage.id}>
            <header className="column-head" style={{ borderTopColor: column.stage.color }}>
              <h2>{column.stage.name}</h2>
              <p className="column-stats">
                <span data-testid="column-count">{t("board.count", { count: column.stats.count.toLocaleString(locale) })}</span>
                <span data-testid="column-sum">
                  {column.stats.sum === null ? t("common.hidden") : formatMoney(column.stats.sum, baseCurrency, locale)}
                  {column.stats.unconverted && (
                    <abbr title={t("board.unconverted")} className="unconverted">
                      *
                    </abbr>
                  )}
                </span>
              </p>
              {props.addHref[column.stage.id] && props.adding !== column.stage.id && (
                <Link href={props.addHref[column.stage.id]!} className="quick-add-toggle" aria-label={t("board.quickAdd", { stage: column.stage.name })} title={t("board.quickAdd", { stage: column.stage.name })} scroll={false}>
                  +
                </Link>
              )}
              {props.addHref[column.stage.id] && props.adding === column.stage.id && (
                <QuickAdd stageId={column.stage.id} stageName={column.stage.name} clients={props.clients} t={t} baseCurrency={baseCurrency} closeHref={props.closeAddHref} />
              )}
            </header>
            <ul className="cards" ref={setListRef(String(column.stage.id))} data-list={column.stage.id}>
              {column.cards.map((card) => (
                <BoardCardView key={card.id} card={card} stageId={column.stage.id} stages={stages} fields={fields} locale={locale} t={t} selected={selected.has(card.id)} onSelect={onSelect} />
              ))}
            </ul>
            {column.cards.length === 0 && <p className="empty">{t("board.empty")}</p>}
            {column.next && (
              <a
                href={listHref[column.stage.id]}
                className="more"
                data-more=""
                data-stage={column.stage.id}
                onClick={(event) => {
                  event.preventDefault();
                  void loadMore(column.stage.id);
                }}
              >
                {loading.has(column.stage.id) ? t("board.loading") : t("board.more")}
              </a>
            )}
          </section>
        ))}
      </div>
      {zones.length > 0 && (
        <div className="drop-zones" aria-label={t("board.dropZones")}>
          {zones.map((zone) => {
            const key = zone.kind === "delete" ? "zone:delete" : `zone:${zone.stageId}`;
            return (
              <ul key={key} ref={setListRef(key)} data-list={key} className={`drop-zone ${zone.kind}`} data-testid="drop-zone">
                <li className="zone-label">{zone.label}</li>
              </ul>
            );
          })}
        </div>
      )}
    </div>
    </BoardOptions.Provider>
  );
}
