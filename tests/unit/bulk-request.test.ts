import { describe, expect, it } from "vitest";
import { bulkRequest } from "@/lib/deals/bulk/request";

describe("the bulk panel's second step, read from the list URL", () => {
  it("is absent on a plain list view and for an unknown action", () => {
    expect(bulkRequest({ pipeline: "2" }, 10)).toBeNull();
    expect(bulkRequest({ bulk: "drop-table" }, 10)).toBeNull();
    expect(bulkRequest({ bulk: ["responsible", "delete"] }, 10)).toBeNull();
  });

  it("takes the action and scope, defaulting to the ticked rows", () => {
    expect(bulkRequest({ bulk: "stage", bulkScope: "filter" }, 10)).toEqual({ kind: "stage", scope: "filter", ids: [] });
    expect(bulkRequest({ bulk: "delete", bulkScope: "everything" }, 10)).toEqual({ kind: "delete", scope: "selected", ids: [] });
  });

  it("keeps ticked ids that are ids, each once, up to the limit", () => {
    expect(bulkRequest({ bulk: "open", "ids[]": "7" }, 10)!.ids).toEqual([7]);
    expect(bulkRequest({ bulk: "open", "ids[]": ["3", "3", "0", "-1", "1e3", "abc", "4", "99999999999"] }, 10)!.ids).toEqual([3, 4]);
    expect(bulkRequest({ bulk: "open", "ids[]": ["1", "2", "3", "4"] }, 2)!.ids).toEqual([1, 2]);
  });
});
