"use client";

import { useMemo, useRef } from "react";
import Link from "next/link";
import { ActionForm } from "@/app/_components/action-form";
import { selectedCardsAction } from "@/lib/board/actions";
import type { CardField } from "@/lib/board/card-fields";
import type { BoardColumn } from "@/lib/board/queries";
import { formatMoney } from "@/lib/i18n/format";
import { translator, type Locale } from "@/lib/i18n/translate";
import { BoardCardView, type StageChoice } from "./board-card";
import { QuickAdd, type ClientOptions } from "./quick-add";
import { CompleteMove } from "./complete-move";
import { BoardOptions } from "./required-fields";
import type { FieldDefinition } from "@/lib/fields/values";
import { useBoardColumns } from "./use-board-columns";
import { useBoardDrag } from "./use-board-drag";
import { useBoardLive } from "./use-board-live";
import { useBoardMove } from "./use-board-move";
import { useBoardSelection } from "./use-board-selection";
import { StageTabs } from "./stage-tabs";

type Zone = { kind: "stage"; stageId: number; label: string } | { kind: "delete"; label: string };

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

export function Board(props: BoardProps) {
  const { search, manual, fields, locale, baseCurrency, stages, zones, listHref } = props;
  const t = useMemo(() => translator(locale), [locale]);
  const board = useBoardColumns(props.initial, search);
  const boardRef = useRef<HTMLDivElement>(null);
  const { columns, loading, loadMore } = board;
  useBoardLive(stages.map((s) => s.id), board.reload);
  const selection = useBoardSelection(board.columnsRef);
  const { selected, onSelect } = selection;
  const move = useBoardMove(board, selection, stages, t);
  const { notice, pendingMove } = move;
  const setListRef = useBoardDrag({ manual, cardsToMove: selection.cardsToMove, commit: move.commit, dragStarted: board.dragStarted, dragEnded: board.dragEnded, t });

  return (
    <BoardOptions.Provider value={{ clients: props.clients, baseCurrency, customFields: props.customFields, users: props.users }}>
    <div className="board-wrap">
      {pendingMove && (
        <CompleteMove
          key={`${pendingMove.dealId}:${pendingMove.stageId}`}
          move={pendingMove}
          t={t}
          onCancel={move.cancelPendingMove}
          onDone={move.pendingMoveDone}
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
          <button type="button" className="link-button" onClick={move.dismissNotice} aria-label={t("common.dismiss")}>
            ×
          </button>
        </div>
      )}
      <StageTabs columns={columns} boardRef={boardRef} locale={locale} t={t} />
      <div className="board" data-testid="board" ref={boardRef}>
        {columns.map((column) => (
          <section key={column.stage.id} id={`stage-${column.stage.id}`} className="board-column" aria-label={column.stage.name} data-testid="board-column" data-stage={column.stage.id}>
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
