import { describe, expect, it } from "vitest";
import { slowdown } from "@/bench/calibrate";

describe("benchmark calibration", () => {
  it("scales by how much slower this machine did the same work, and not at all without a calibration", () => {
    expect(slowdown({ node_ms: 200, postgres_ms: 300 }, { node_ms: 100, postgres_ms: 100 })).toBe(2.5);
    expect(slowdown({ node_ms: 100, postgres_ms: 100 }, { node_ms: 100, postgres_ms: 100 })).toBe(1);
    expect(slowdown({ node_ms: 100, postgres_ms: 100 }, undefined)).toBe(1);
  });
});
