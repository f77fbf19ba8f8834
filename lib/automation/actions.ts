"use server";

import { z } from "zod";
import { defineAction } from "@/lib/actions/action";
import { idField } from "@/lib/ids";
import { requireSetUp } from "@/lib/permissions";
import { robotFormSchema } from "./robot-form";
import { copyRobot, createRobot, deleteRobot, moveRobot, setRobotEnabled, updateRobot } from "./robots";
import { retryFailedRun } from "./log";
import { saveWorkingTime } from "./working-time";
import { workingTimeFormSchema } from "./working-time-form";

const BOARD = "/deals/automation";
const boardOf = (pipelineId: number, notice: string) => `${BOARD}?pipeline=${pipelineId}&notice=${notice}`;

export const createRobotAction = defineAction({
  schema: (i18n) => robotFormSchema(i18n, "stageId"),
  async run({ target, input }, { db, viewer }) {
    const robot = await createRobot(db, viewer, target, input);
    return { redirectTo: boardOf(robot.pipelineId, "robotCreated"), revalidate: [BOARD] };
  },
});

export const updateRobotAction = defineAction({
  schema: (i18n) => robotFormSchema(i18n, "id"),
  async run({ target, input }, { db, viewer }) {
    const robot = await updateRobot(db, viewer, target, input);
    return { redirectTo: boardOf(robot.pipelineId, "robotSaved"), revalidate: [BOARD] };
  },
});

export const copyRobotAction = defineAction({
  schema: () => z.object({ id: idField(), stageId: idField() }),
  async run({ id, stageId }, { db, viewer }) {
    const copy = await copyRobot(db, viewer, id, stageId);
    return { redirectTo: boardOf(copy.pipelineId, "robotCopied"), revalidate: [BOARD] };
  },
});

/** The buttons on a robot of the board: one form, the button pressed says what to do. */
export const robotCommandAction = defineAction({
  schema: () => z.object({ id: idField(), op: z.enum(["up", "down", "off", "on"]) }),
  async run({ id, op }, { db, viewer }) {
    if (op === "up" || op === "down") {
      await moveRobot(db, viewer, id, op);
      return { revalidate: [BOARD] };
    }
    await setRobotEnabled(db, viewer, id, op === "on");
    return { message: op === "on" ? "automation.switchedOn" : "automation.switchedOff", revalidate: [BOARD] };
  },
});

export const deleteRobotAction = defineAction({
  schema: () => z.object({ id: idField() }),
  async run({ id }, { db, viewer }) {
    const pipelineId = await deleteRobot(db, viewer, id);
    return { redirectTo: boardOf(pipelineId, "robotDeleted"), revalidate: [BOARD] };
  },
});

export const saveWorkingTimeAction = defineAction({
  schema: workingTimeFormSchema,
  multiple: ["days[]"],
  async run(value, { db, viewer }) {
    requireSetUp(viewer);
    await saveWorkingTime(db, viewer.orgId, value);
    return { message: "automation.workingTime.saved", revalidate: ["/settings/working-time"] };
  },
});

export const retryRunAction = defineAction({
  schema: () => z.object({ id: idField() }),
  async run({ id }, { db, viewer }) {
    await retryFailedRun(db, viewer, id);
    return { message: "automation.log.retried", revalidate: ["/settings/automation-log", "/deals"] };
  },
});
