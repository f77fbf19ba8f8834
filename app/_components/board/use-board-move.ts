"use client";

import { useCallback, useState } from "react";
import { moveCardAction, selectedCardsAction } from "@/lib/board/actions";
import { applyMove, undoMove } from "@/lib/board/optimistic";
import { initialActionState } from "@/lib/actions/state";
import type { Translate } from "@/lib/i18n/translate";
import type { StageChoice } from "./board-card";
import type { PendingMove } from "./complete-move";
import { missingFromErrors } from "./required-fields";
import type { BoardColumns } from "./use-board-columns";
import type { useBoardSelection } from "./use-board-selection";

export type MoveTarget = { stageId: number } | { delete: true };
export type Notice = { ok: boolean; text: string; details?: string[] };

/**
 * Moving cards from the script: the board shows the move at once, the server action decides, and
 * a refusal puts the cards (and their ticks) back with the reason. A drop refused only for fields
 * the stage requires becomes a pending move that asks for them (CompleteMove).
 */
export function useBoardMove(board: BoardColumns, selection: ReturnType<typeof useBoardSelection>, stages: StageChoice[], t: Translate) {
  const { columnsRef, setColumns, changedLocally, reload } = board;
  const { takeForMove, giveBack } = selection;
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);

  const commit = useCallback(
    async (ids: number[], target: MoveTarget, afterId: number | null) => {
      const before = columnsRef.current;
      changedLocally();
      setColumns(applyMove(before, ids, "stageId" in target ? target.stageId : null, afterId));
      const selectedBefore = takeForMove(ids);
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
        changedLocally();
        setColumns((current) => undoMove(current, before, ids));
        giveBack(ids, selectedBefore);
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
    [columnsRef, changedLocally, setColumns, takeForMove, giveBack, reload, t, stages],
  );

  /** The pending move's form saved it: the card goes where it was dropped. */
  const pendingMoveDone = useCallback(() => {
    if (!pendingMove) return;
    setColumns((current) => applyMove(current, [pendingMove.dealId], pendingMove.stageId, pendingMove.afterId));
    setPendingMove(null);
    void reload();
  }, [pendingMove, setColumns, reload]);

  return {
    commit,
    notice,
    dismissNotice: () => setNotice(null),
    pendingMove,
    cancelPendingMove: () => setPendingMove(null),
    pendingMoveDone,
  };
}
