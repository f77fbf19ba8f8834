import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { defaultLayout } from "@/lib/layouts/resolve";
import { applyCommonToEveryone, layoutFor, resetPersonalLayout, saveLayout } from "@/lib/layouts/service";
import { refusal, type TestDb } from "../helpers/db";
import { openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
beforeAll(async () => ({ handle, db, org } = await openOrgDatabase()));
afterAll(() => handle.close());

describe("card layouts per pipeline", () => {
  it("personal over common over default; common is the administrators'; reset and apply to everyone", async () => {
    const pipeline = org.pipelines[0]!.id;
    expect((await layoutFor(db, org.seller, pipeline, [])).source).toBe("default");
    const common = { sections: [{ name: "Deal", fields: ["stage", "amount"] }], hidden: ["probability"] };
    expect((await refusal(saveLayout(db, org.seller, pipeline, "common", common))).code).toBe("forbidden");
    await saveLayout(db, org.admin, pipeline, "common", common);
    const seen = await layoutFor(db, org.seller, pipeline, []);
    expect([seen.source, seen.layout.sections[0]!.name, seen.layout.hidden]).toEqual(["common", "Deal", ["probability"]]);
    // The sales person's role allows a layout of their own.
    expect(seen.personalAllowed).toBe(true);
    await saveLayout(db, org.seller, pipeline, "personal", defaultLayout([]));
    expect((await layoutFor(db, org.seller, pipeline, [])).source).toBe("personal");
    expect((await layoutFor(db, org.other, pipeline, [])).source).toBe("common");
    // Another pipeline keeps its own (here: the default).
    expect((await layoutFor(db, org.seller, org.pipelines[1]!.id, [])).source).toBe("default");
    await resetPersonalLayout(db, org.seller, pipeline);
    expect((await layoutFor(db, org.seller, pipeline, [])).source).toBe("common");
    await saveLayout(db, org.seller, pipeline, "personal", defaultLayout([]));
    expect(await applyCommonToEveryone(db, org.admin, pipeline)).toBe(1);
    expect((await layoutFor(db, org.seller, pipeline, [])).source).toBe("common");
    expect((await refusal(applyCommonToEveryone(db, org.seller, pipeline))).code).toBe("forbidden");
  });
});
