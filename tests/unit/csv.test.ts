import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "@/lib/deals/list/csv";
import { decodeUtf8, parseCsv } from "@/lib/import/csv";

describe("parseCsv", () => {
  it("reads quotes, doubled quotes, line breaks in fields and CRLF", () => {
    const result = parseCsv('Title,Comments\r\n"Cung cấp, lắp đặt","Dòng 1\nDòng ""2"""\r\nB,\r\n');
    expect(result).toEqual({ ok: true, table: { header: ["Title", "Comments"], rows: [["Cung cấp, lắp đặt", 'Dòng 1\nDòng "2"'], ["B", ""]], lines: [2, 4] } });
  });
  it("detects semicolons and tabs from the header", () => {
    expect(parseCsv("a;b\n1;2").ok && parseCsv("a;b\n1;2")).toMatchObject({ table: { rows: [["1", "2"]] } });
    expect(parseCsv("a\tb\n1\t2")).toMatchObject({ ok: true, table: { header: ["a", "b"] } });
  });
  it("refuses a file with too many columns or rows while reading it", () => {
    expect(parseCsv(`${",".repeat(150)}\n1\n`)).toEqual({ ok: false, error: "tooManyColumns" });
    expect(parseCsv(`a\n${"1\n".repeat(10_005)}`)).toEqual({ ok: false, error: "tooManyRows" });
  });
  it("knows the file line each row starts on, across blank lines and line breaks inside cells", () => {
    const parsed = parseCsv('Title,Notes\r\nA,"two\nlines"\n\nB,x\n"C","a\r\nb\r\nc"\nD,y');
    expect(parsed.ok && parsed.table.rows.map((r) => r[0])).toEqual(["A", "B", "C", "D"]);
    expect(parsed.ok && parsed.table.lines).toEqual([2, 5, 6, 9]);
  });
  it("refuses an unterminated quote and an empty file", () => {
    expect(parseCsv('a,b\n"1,2')).toEqual({ ok: false, error: "unterminatedQuote" });
    expect(parseCsv("a,b\n\n")).toEqual({ ok: false, error: "empty" });
  });
  it("reads exactly what the export writes", () => {
    const fields = ["=SUM(A1)", 'He said "hi"', "Nguyễn, Văn", "multi\nline", "-12.5"];
    const text = "\uFEFF" + csvLine(["h1", "h2", "h3", "h4", "h5"]) + csvLine(fields);
    const parsed = parseCsv(decodeUtf8(new TextEncoder().encode(text))!);
    expect(parsed.ok && parsed.table.rows[0]).toEqual(["'=SUM(A1)", 'He said "hi"', "Nguyễn, Văn", "multi\nline", "-12.5"]);
    expect(csvField("+84 90")).toBe("'+84 90");
  });
});

describe("decodeUtf8", () => {
  it("strips a BOM and refuses other encodings", () => {
    expect(decodeUtf8(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]))).toBe("A");
    expect(decodeUtf8(new Uint8Array([0x4e, 0x67, 0x75, 0x79, 0xea, 0x6e]))).toBeNull(); // "Nguyên" in Windows-1258/Latin-1
  });
});
