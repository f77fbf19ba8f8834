import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { filterChips } from "@/lib/deals/list/chips";
import { listQueryParams, parseListQuery } from "@/lib/deals/list/url-state";
import { translator } from "@/lib/i18n/translate";
import type { Viewer } from "@/lib/permissions";
import type { TestDb } from "../helpers/db";
import { makeOrg, openOrgDatabase, type TestOrg } from "../helpers/fixtures";

let handle: TestDb;
let db: Db;
let org: TestOrg;
let other: TestOrg;
beforeAll(async () => {
  ({ handle, db, org } = await openOrgDatabase());
  other = await makeOrg(db, "Another org");
});
afterAll(() => handle.close());

const t = translator("en");
const chipsFor = async (viewer: Viewer, search: string) => {
  const query = parseListQuery(new URLSearchParams(search));
  return { query, chips: await filterChips(db, { ...viewer, org: { baseCurrency: "VND" } }, query, { viewerId: viewer.id, timezone: "Asia/Ho_Chi_Minh", fields: [] }, t, "en") };
};

describe("the list's applied-filter chips", () => {
  it("name every applied filter, one chip per value, each removing only itself", async () => {
    const won = org.stage(0, "WON");
    const fresh = org.stage(0, "NEW");
    const { query, chips } = await chipsFor(
      org.admin,
      `q=camera&pipeline=${org.pipelines[0]!.id}&stage=${fresh.id}&stage=${won.id}&semantics=S&responsible=${org.seller.id}&company=${org.company.id}&contact=${org.contacts[0]!.id}&amountFrom=1500000&createdFrom=2026-01-05&overdue=1&source=WEB`,
    );
    expect(chips.map((c) => c.label)).toEqual([
      "Search: “camera”",
      "Pipeline: Sales",
      "Stage: New",
      "Stage: Deal won",
      "Status: Won",
      "Responsible: seller",
      "Company: Công ty Sao Mai",
      "Contacts: Nguyễn Văn An",
      "Amount from: ₫1,500,000",
      "Source: Website",
      "Created from: Jan 5, 2026",
      "With overdue activities",
    ]);
    const withoutNew = chips.find((c) => c.label === "Stage: New")!;
    const after = listQueryParams(query, withoutNew.without);
    expect(after.getAll("stage")).toEqual([String(won.id)]);
    expect(after.get("q")).toBe("camera");
    expect(chips.every((c) => listQueryParams(query, c.without).toString() !== listQueryParams(query).toString())).toBe(true);
  });

  it("name nothing a hand-made URL points at that the viewer may not see: another org's records, a pipeline they cannot read", async () => {
    const projects = org.pipelines[1]!;
    const hidden = org.stage(1, "NEW");
    // A seller whose role reads only the first pipeline.
    const seller: Viewer = { ...org.seller, access: { ...org.seller.access, pipelines: { [org.pipelines[0]!.id]: org.seller.access.pipelines[org.pipelines[0]!.id]! } } };
    const { chips } = await chipsFor(seller, `pipeline=${projects.id}&stage=${hidden.id}&stage=${org.stage(0, "NEW").id}&company=${other.company.id}&responsible=${other.seller.id}`);
    expect(chips.map((c) => c.label)).toEqual([`Pipeline: #${projects.id}`, `Stage: #${hidden.id}`, "Stage: New", `Responsible: #${other.seller.id}`, `Company: #${other.company.id}`]);
  });

  it("show no chip for an empty query", async () => {
    expect((await chipsFor(org.seller, "")).chips).toEqual([]);
  });
});
