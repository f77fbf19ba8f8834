import { describe, expect, it } from "vitest";
import { robotKinds } from "@/lib/automation/definitions";
import { newRobotFormValues, parseRobotForm, robotFormSchema, robotFormValues, type FormValues } from "@/lib/automation/robot-form";
import { parseRunDetail, runDetailText } from "@/lib/automation/run-detail";
import { conditionSummary, timingSummary, type SummaryLookups } from "@/lib/automation/summary";
import { workingTimeFormSchema } from "@/lib/automation/working-time-form";
import { translator } from "@/lib/i18n/translate";

const t = translator("en");
const vi = translator("vi");
const lookups: SummaryLookups = { customLabels: new Map([["UF_CRM_BUDGET", "Budget"]]), stageNames: new Map([[7, "Preparation"]]), userNames: new Map([[3, "Lan"]]) };

/** A form as the browser sends it: the kind's defaults plus what the user typed. */
const form = (kind: (typeof robotKinds)[number], fields: FormValues): FormValues => ({ ...newRobotFormValues(kind), ...fields });

function parsed(values: FormValues) {
  const result = parseRobotForm(values, t);
  if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.errors)}`);
  return result.input;
}

describe("the robot form", () => {
  it("reads an e-mail robot after a day, on a condition, and shows it again as it was sent", () => {
    const values = form("email", {
      name: "Welcome",
      subject: "Xin chào {{contact.name}}",
      body: "Cảm ơn anh/chị.",
      timingMode: "after",
      delayAmount: "1",
      delayUnit: "days",
      atTime: "09:30",
      workingHours: "on",
      keepOnLeave: "on",
      conditionOp: "or",
      condField1: "amount",
      condCmp1: "gte",
      condValue1: "1000000",
      condField2: "uf.UF_CRM_BUDGET",
      condCmp2: "notEmpty",
    });
    const input = parsed(values);
    expect(input).toEqual({
      name: "Welcome",
      kind: "email",
      config: { subject: "Xin chào {{contact.name}}", body: "Cảm ơn anh/chị." },
      timing: { mode: "after", delay: { amount: 1, unit: "days" }, atTime: "09:30", workingHours: true, afterPrevious: false },
      condition: { op: "or", items: [{ field: "amount", cmp: "gte", value: "1000000" }, { field: "uf.UF_CRM_BUDGET", cmp: "notEmpty" }] },
      keepOnLeave: true,
    });
    // The editor shows a saved robot with the fields it was saved from.
    const again = robotFormValues(input);
    expect(parsed(again)).toEqual(input);
    expect(again).toMatchObject({ condField2: "uf.UF_CRM_BUDGET", condCmp2: "notEmpty", condValue2: "", timingMode: "after", delayAmount: "1" });
  });

  it("round-trips every kind", () => {
    const configs: Record<(typeof robotKinds)[number], FormValues> = {
      email: { subject: "S", body: "B" },
      sms: { text: "Hẹn gặp" },
      task: { subject: "Call back", description: "", who: "user", whoUserId: "3", inAmount: "2", inUnit: "hours" },
      activity: { activityType: "meeting", subject: "Demo", who: "head", inAmount: "1", inUnit: "days" },
      comment: { text: "Checked" },
      notify: { who: "responsible", text: "Look" },
      setStage: { targetStageId: "7" },
      setResponsible: { responsibleMode: "roundRobin", "userIds[]": ["3", "4"] },
      setPipeline: { targetStageId: "12" },
      setFields: { setCode1: "title", setValue1: "Renamed", setCode2: "uf.UF_CRM_BUDGET", setValue2: "5" },
      addObservers: { "userIds[]": ["4"] },
      webhook: { url: "https://example.com/hook", secret: "s3cret" },
      document: { documentKind: "invoice", sendDocument: "on" },
    };
    for (const kind of robotKinds) {
      const input = parsed(form(kind, configs[kind]));
      expect(parsed(robotFormValues(input)), kind).toEqual(input);
    }
  });

  it("names an unnamed robot after its kind, in the user's language", () => {
    expect(parsed(form("sms", { text: "x" })).name).toBe("Send an SMS to the client");
    const result = parseRobotForm(form("sms", { text: "x" }), vi);
    expect(result.ok && result.input.name).toBe("Gửi SMS cho khách hàng");
  });

  it("puts each error on the field the user typed into, in their language", () => {
    const result = parseRobotForm(
      form("task", { subject: "", who: "user", whoUserId: "", inAmount: "lots", timingMode: "dateField", dateField: "", atTime: "25:00", condField1: "amount", condCmp1: "gt", condValue1: "" }),
      t,
    );
    expect(result.ok).toBe(false);
    const errors = !result.ok ? result.errors : {};
    expect(Object.keys(errors).sort()).toEqual(["atTime", "condValue1", "dateField", "inAmount", "subject", "whoUserId"]);
    expect(errors.subject).toEqual(["Required."]);
    expect(errors.atTime).toEqual(["Enter a time as HH:MM, e.g. 09:30."]);
    expect(errors.condValue1).toEqual(["Enter a value, or choose “is empty”."]);
    const inVietnamese = parseRobotForm(form("webhook", { url: "javascript:alert(1)" }), vi);
    expect(!inVietnamese.ok && inVietnamese.errors.url).toEqual(["Nhập địa chỉ bắt đầu bằng http:// hoặc https://."]);
  });

  it("refuses a webhook that is not http(s), an unknown kind and a comparator it does not know", () => {
    for (const url of ["ftp://example.com/x", "file:///etc/passwd", "not a url"]) {
      const result = parseRobotForm(form("webhook", { url }), t);
      expect(!result.ok && result.errors.url, url).toEqual(["Enter an http:// or https:// address."]);
    }
    expect(parseRobotForm({ kind: "launchRockets" }, t)).toEqual({ ok: false, errors: { kind: ["Choose one of the listed options."] } });
    const result = parseRobotForm(form("comment", { text: "x", condField1: "title", condCmp1: "like", condValue1: "x" }), t);
    expect(!result.ok && result.errors.condCmp1).toEqual(["Choose one of the listed options."]);
  });

  it("as the action's schema: the record's id and the robot, or the errors by field", () => {
    const schema = robotFormSchema({ t, locale: "en" }, "id");
    const ok = schema.safeParse(form("comment", { id: "5", text: "Hi" }));
    expect(ok.success && ok.data.target).toBe(5);
    const refused = schema.safeParse(form("comment", { id: "x", text: "" }));
    expect(refused.success).toBe(false);
    expect(refused.error?.issues.map((i) => i.path[0]).sort()).toEqual(["id", "text"]);
  });
});

describe("robot summaries", () => {
  it("say when a robot runs", () => {
    expect(timingSummary({ mode: "now" }, false, t, lookups)).toBe("Immediately");
    expect(timingSummary({ mode: "after", delay: { amount: 1, unit: "days" } }, false, t, lookups)).toBe("After 1 day");
    expect(timingSummary({ mode: "dateField", field: "closeDate", direction: "before", delay: { amount: 2, unit: "days" }, atTime: "09:00", workingHours: true }, true, t, lookups)).toBe(
      "2 days before Close date, at 09:00, in working hours, kept when the deal leaves",
    );
    expect(timingSummary({ mode: "dateField", field: "uf.UF_CRM_BUDGET", delay: { amount: 0, unit: "days" }, afterPrevious: true }, false, t, lookups)).toBe("On Budget, after the previous robot");
    expect(timingSummary({ mode: "after", delay: { amount: 3, unit: "hours" } }, false, vi, lookups)).toBe("Sau 3 giờ");
  });

  it("say on what condition, with names instead of ids and codes", () => {
    expect(conditionSummary(null, t, lookups)).toBe("always");
    expect(
      conditionSummary(
        {
          op: "and",
          items: [
            { field: "stageId", cmp: "eq", value: "7" },
            { field: "sourceId", cmp: "eq", value: "WEB" },
            { op: "or", items: [{ field: "assignedById", cmp: "ne", value: "3" }, { field: "uf.UF_CRM_BUDGET", cmp: "empty" }] },
          ],
        },
        t,
        lookups,
      ),
    ).toBe("Stage = Preparation and Source = Website and (Responsible ≠ Lan or Budget is empty)");
  });
});

describe("a run's detail", () => {
  it("is the engine's message in the user's words; an unknown key shows nothing", () => {
    expect(runDetailText(JSON.stringify({ key: "automation.detail.leftStage" }), t, lookups)).toBe("The deal left the stage first");
    expect(runDetailText(JSON.stringify({ key: "automation.detail.ran" }), vi, lookups)).toBe("Đã xong");
    expect(runDetailText(JSON.stringify({ key: "automation.detail.conditionFailed", vars: { field: "amount", cmp: "gte", value: "1000" } }), t, lookups)).toBe(
      "Condition not met: Amount ≥ 1000",
    );
    expect(runDetailText(JSON.stringify({ key: "automation.detail.conditionFailed", vars: { field: "uf.UF_CRM_BUDGET", cmp: "notEmpty", value: "" } }), t, lookups)).toBe(
      "Condition not met: Budget is not empty",
    );
    expect(runDetailText(JSON.stringify({ key: "automationRun.webhookStatus", vars: { status: 500 } }), t, lookups)).toBe("The webhook answered with status 500.");
    expect(runDetailText("leftStage", t, lookups)).toBe("The deal left the stage first");
    for (const unknown of [JSON.stringify({ key: "automation.detail.nope" }), JSON.stringify({ key: "automation.detail" }), "{broken", JSON.stringify({ key: "__proto__.x" }), null, ""]) {
      expect(runDetailText(unknown, t, lookups), String(unknown)).toBe("");
    }
    expect(parseRunDetail(JSON.stringify({ key: "automation.detail.ran", vars: { n: 1, bad: { x: 1 } } }))).toEqual({ key: "automation.detail.ran", vars: { n: 1 } });
  });
});

describe("the working time form", () => {
  const schema = workingTimeFormSchema({ t });
  it("reads days, hours and holidays, sorted and once each", () => {
    const result = schema.safeParse({ "days[]": ["5", "1", "1", "9"], start: "08:30", end: "17:30", holidays: "2026-09-02\r\n\n2026-01-01\n2026-09-02 " });
    expect(result.data).toEqual({ days: [1, 5], start: "08:30", end: "17:30", holidays: ["2026-01-01", "2026-09-02"] });
  });
  it("refuses an end before the start and a line that is no date, on their fields", () => {
    const result = schema.safeParse({ "days[]": [], start: "18:00", end: "09:00", holidays: "2026-02-30" });
    expect(Object.fromEntries(result.error!.issues.map((i) => [i.path[0], i.message]))).toEqual({ end: "The end must be after the start.", holidays: "Not a date (YYYY-MM-DD): 2026-02-30" });
  });
});
