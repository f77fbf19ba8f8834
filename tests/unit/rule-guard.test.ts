import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { unguardedQueries } from "../helpers/rule-guard";

/**
 * Exports that query deals (or what surrounds them: activities, files, events, product rows,
 * contacts and observers of deals, stage history, notifications, board totals, automation runs,
 * outgoing messages) without applying
 * the permission rule, each with the reason it need not. Anything else that does so fails this
 * test: add the rule (dealScope, can, lockDeal…) or, if it truly need not, a line here saying why.
 */
const allowed: Record<string, string> = {
  "lib/activities/service.ts#recordSentEmail": "the send job records an e-mail already sent as the deal's activity; robots queue messages only after the engine checked the author's rights",
  "lib/automation/outbox.ts#enqueueStageEntry": "the stage change's outbox: runs for deals the one stage-change write path has locked and checked",
  "lib/automation/runner.ts#retryRun": "a failed run back to the queue; its one caller (log.ts retryFailedRun) reads the run through dealScope and checks the pipeline's automation permission",
  "lib/automation/triggers/inbound-email.ts#dealOfSender": "the inbound e-mail endpoint (no viewer: the org's key): files the message through the activity service, which checks UPDATE of whoever files it",
  "lib/automation/triggers/webhook.ts#dealInOrg": "an incoming webhook (no viewer: the trigger's secret): whether an id is a deal of the trigger's own org, answered like a missing one otherwise; the firing checks its author's READ",
  "lib/automation/snapshot.ts#dealSnapshot": "robot runs: the engine checks the author's READ (can) under the deal's lock before it reads",
  "lib/automation/snapshot.ts#dealSnapshots": "robot runs: the engine checks the author's READ (can) under the deal's lock before it reads",
  "lib/activities/notifications.ts#markAllRead": "marks the viewer's own notifications read; reads nothing about any deal",
  "lib/board/placement.ts#positionsBelow": "board keys for deals the caller has locked and checked; returns keys, no deal data",
  "lib/board/placement.ts#placeAtTop": "board keys for deals the caller has just created under the rule",
  "lib/board/placement.ts#topPosition": "board keys for a deal the caller has locked and checked",
  "lib/board/placement.ts#rankBoardPositions": "bulk loaders (the demo seed) ranking a whole org; no viewer",
  "lib/documents/public-link.ts#documentByToken": "the client's link (no viewer): the unguessable token's hash is the permission; it returns the document, its rows and seller, nothing of the deal",
  "lib/documents/service.ts#recordInHistory": "the deal's history entry of a document change its caller made under lockDocumentForUpdate, or through the client's link",
  "lib/documents/numbers.ts#allocateNumber": "whether a number is taken already, for a creation its caller makes under the deal's lock and UPDATE check; returns the number only",
  "lib/documents/contents.ts#documentContents": "a document's rows and seller, for callers that decided first: getDocument (documentScope), the client's link (its token), the send job (queued under lockDocumentForUpdate)",
  "lib/documents/deal-guard.ts#dealsWithPayments": "answers for deletions only (deleteDeal, after its DELETE check): which deals hold invoices with payments, no amounts",
  "lib/deals/list/sql.ts#filterConditions": "builds conditions only; every caller adds dealScope (list queries, board columns and totals)",
  "lib/deals/locks.ts#lockDealRows": "locks rows and returns nothing; each deal is checked after, under its lock",
  "lib/deals/search-text.ts#refreshSearchText": "recomputes the search text of deals the caller has just written under the rule",
  "lib/deals/stage-change.ts#recordFirstStage": "the one write path of a stage change: its callers create the deal under the rule",
  "lib/deals/stage-change.ts#recordStageChange": "the one write path of a stage change: its callers lock and check the deal first",
  "lib/deals/stage-change.ts#recordStageChanges": "the one write path of a stage change: a bulk move, whose caller locks and checks each deal first (lib/deals/bulk/stage-move.ts)",
  "lib/deals/service.ts#lockDealRowsWithObservers": "locks rows for callers that decide each deal by the rule (can): lockDeals, and the bulk move that reports each refusal",
  "lib/deals/stage-change.ts#recordStageChangeOfAll": "the one write path of a stage change: a stage's deletion, by administrators",
  "lib/fields/references.ts#bindFiles": "binds to a deal the files its custom values hold, after the deal service's checks",
  "lib/files/cleanup.ts#removeOrphanFiles": "housekeeping job with no viewer: removes uploads nothing holds",
  "lib/files/uploads.ts#storeUpload": "stores a new upload; the form's permission check (authorize) ran before",
  "lib/files/uploads.ts#fileNames": "names of files a deal the caller read refers to (its values and history)",
  "lib/messaging/attachments.ts#attachmentsOf": "the send job (no viewer) attaches the PDF of a document whose sending was queued by sendDocumentByEmail under lockDocumentForUpdate",
  "lib/messaging/limits.ts#assertWithinLimits": "counts the org's or the deal's messages of the last hour for queueMessage; returns nothing",
  "lib/messaging/queue.ts#queueMessage": "robot runs queue messages after the engine checked the author's READ; it returns the message's id only",
  "lib/messaging/queue.ts#retryMessage": "a failed message back to the queue, for the automation log's retry of a failed run (checked there through dealScope)",
  "lib/messaging/send-job.ts#sendQueuedMessage": "the job queue's handler: sends a message queued after the engine's check; no viewer acts",
  "lib/messaging/send-job.ts#onMessageGivenUp": "the job queue's give-up hook: marks its own message failed",
  "lib/messaging/send-job.ts#registerMessageJob": "registers the two above with the job queue",
  "lib/messaging/template-context.ts#loadTemplateContext": "robot runs: the engine checks the author's READ before rendering (the editor's preview goes through previewTemplateContext, which checks)",
  "lib/permissions/index.ts#observedBy": "part of the rule itself",
  "lib/permissions/index.ts#observes": "part of the rule itself: its observer branch over a table carrying a deal's id",
  "lib/pipelines/queries.ts#dealsPerStage": "the administrators' stage editor (its page requires an administrator)",
  "lib/pipelines/stages.ts#refuseIfTargetRequires": "counts, for a stage's or a pipeline's deletion (its callers require an administrator), the deals lacking what the target stage requires",
  "lib/pipelines/queries.ts#dealsPerPipeline": "the administrators' pipeline settings (its page requires an administrator); counts only",
};

describe("the permission rule's guard", () => {
  it("finds no query of deals outside the rule but those listed with a reason, and no stale line in the list", () => {
    const found = unguardedQueries(process.cwd()).map((f) => `${f.file}#${f.name}`);
    expect(found.filter((key) => !(key in allowed))).toEqual([]);
    expect(Object.keys(allowed).filter((key) => !found.includes(key))).toEqual([]);
  });

  it("catches an export that reads deals without the rule, directly, through a helper, or in raw SQL", () => {
    const root = mkdtempSync(path.join(tmpdir(), "rule-guard-"));
    mkdirSync(path.join(root, "lib", "leaky"), { recursive: true });
    mkdirSync(path.join(root, "app"));
    writeFileSync(
      path.join(root, "lib", "leaky", "queries.ts"),
      `const read = (db, id) => db.select().from(deals).where(eq(deals.id, id));
       export async function titleOf(db, id) { return (await read(db, id))[0].title; }
       export const raw = (db) => db.execute(sql\`select title from deals\`);
       export async function scoped(db, viewer) { return db.select().from(deals).where(dealScope(viewer, "READ")); }
       export async function viaScoped(db, viewer) { return scoped(db, viewer); }`,
    );
    expect(unguardedQueries(root).map((f) => f.name)).toEqual(["titleOf", "raw"]);
  });
});

describe("one write path per fact", () => {
  const sources = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
  const writers = (pattern: RegExp) =>
    ["lib", "app"]
      .flatMap(sources)
      .filter((file) => pattern.test(readFileSync(file, "utf8")))
      .sort();

  it("a stage change is recorded in one module, an activity created in one service", () => {
    expect(writers(/\.insert\(stageHistory\)|into stage_history|insert into \$\{stageHistory\}/)).toEqual(["lib/deals/stage-change.ts"]);
    expect(writers(/\.insert\(activities\)|into activities\b/)).toEqual(["lib/activities/service.ts"]);
  });
});

describe("modules that touch the database", () => {
  it("are server-only: a client bundle that imported one would fail to build, not ship a query", () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [path.join(dir, e.name)] : []));
    const touchesDb = /^import (\{[^}]*\}|\* as \w+) from "@\/db\/(client|schema|arrays)";/m;
    const marked = (text: string) => /^import "server-only";/m.test(text) || /^"use server";/m.test(text);
    const unmarked = sources("lib").filter((file) => {
      const text = readFileSync(file, "utf8");
      return touchesDb.test(text) && !marked(text);
    });
    expect(unmarked).toEqual([]);
  });
});

describe("route handlers", () => {
  it("all go through defineRoute (session, zod, typed errors), but next-auth's own", () => {
    // Helpers that build a route with defineRoute, and where they live.
    const wrappers = { reportExportRoute: "lib/analytics/report-export.ts" };
    for (const file of Object.values(wrappers)) expect(readFileSync(file, "utf8"), file).toMatch(/\breturn defineRoute\(/);
    const routes = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routes(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
    const bypassing = routes("app").filter((file) => {
      const text = readFileSync(file, "utf8");
      const method = "(GET|POST|PUT|PATCH|DELETE)";
      return [`export (async )?function ${method}\\b`, `export const ${method} = (?!(${["defineRoute", ...Object.keys(wrappers)].join("|")})\\()`, `export \\{[^}]*\\bas ${method}\\b`].some((p) => new RegExp(p).test(text));
    });
    expect(bypassing).toEqual(["app/api/auth/[...nextauth]/route.ts"]);
  });
});
