import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { defaultDeadline, toLocalInput, wallClock } from "@/lib/activities/deadline";
import { findMentions } from "@/lib/activities/mentions";

describe("defaultDeadline: three working days later, rounded up to the hour, in the org's zone", () => {
  it("skips the weekend", () => {
    // Friday 27 November 2026, 15:20 in Hồ Chí Minh City → Wednesday 2 December, 16:00.
    expect(defaultDeadline(new Date("2026-11-27T08:20:00Z"), "Asia/Ho_Chi_Minh").toISOString()).toBe("2026-12-02T09:00:00.000Z");
    // Saturday counts from Monday: Monday, Tuesday, Wednesday.
    expect(toLocalInput(defaultDeadline(new Date("2026-11-28T02:00:00Z"), "Asia/Ho_Chi_Minh"), "Asia/Ho_Chi_Minh")).toBe("2026-12-02T09:00");
  });

  it("keeps the wall-clock hour across a daylight-saving change", () => {
    // Friday 23 October 2026, 09:20 in Berlin (summer time, +02) → Wednesday 28 October, 10:00 winter time (+01).
    expect(defaultDeadline(new Date("2026-10-23T07:20:00Z"), "Europe/Berlin").toISOString()).toBe("2026-10-28T09:00:00.000Z");
    // New York springs forward on Sunday 8 March 2026: Thursday 5 March 08:00 (−05) → Tuesday 10 March 08:00 (−04).
    expect(defaultDeadline(new Date("2026-03-05T13:00:00Z"), "America/New_York").toISOString()).toBe("2026-03-10T12:00:00.000Z");
  });

  it("leaves a time on the hour as it is, and rounds 23:30 to the next midnight first", () => {
    expect(toLocalInput(defaultDeadline(new Date("2026-11-23T03:00:00Z"), "Asia/Ho_Chi_Minh"), "Asia/Ho_Chi_Minh")).toBe("2026-11-26T10:00");
    // Thursday 23:30 → Friday 00:00 → Monday, Tuesday, Wednesday.
    expect(toLocalInput(defaultDeadline(new Date("2026-11-26T16:30:00Z"), "Asia/Ho_Chi_Minh"), "Asia/Ho_Chi_Minh")).toBe("2026-12-02T00:00");
  });

  it("always lands on a weekday, on the hour, three to five days and a bit later", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2020-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom("Asia/Ho_Chi_Minh", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "UTC"),
        (now, zone) => {
          const deadline = defaultDeadline(now, zone);
          const wall = wallClock(deadline, zone);
          expect(wall.weekday).toBeGreaterThanOrEqual(1);
          expect(wall.weekday).toBeLessThanOrEqual(5);
          expect(wall.second).toBe(0);
          // Lord Howe shifts by 30 minutes; elsewhere the minute is 0.
          if (zone !== "Australia/Lord_Howe") expect(wall.minute).toBe(0);
          const days = (deadline.getTime() - now.getTime()) / 86_400_000;
          expect(days).toBeGreaterThan(2.9);
          expect(days).toBeLessThan(6.1);
        },
      ),
    );
  });
});

describe("findMentions", () => {
  const people = [
    { id: 1, name: "Nguyễn Văn An" },
    { id: 2, name: "An" },
    { id: 3, name: "Trần Thị Bích" },
  ];
  it("finds full names after @, without case or diacritics, longest first", () => {
    expect(findMentions("Hỏi @nguyen van an giúp", people)).toEqual([1]);
    expect(findMentions("@An và @TRẦN THỊ BÍCH", people).sort()).toEqual([2, 3]);
  });
  it("needs the name to end at a word boundary, and ignores e-mail addresses' @", () => {
    expect(findMentions("@Anh ơi", people)).toEqual([]);
    expect(findMentions("mail an@example.com", people)).toEqual([]);
    expect(findMentions("no mention here", people)).toEqual([]);
  });
});
