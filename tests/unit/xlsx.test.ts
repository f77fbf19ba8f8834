import { describe, expect, it } from "vitest";
import { xlsxStream } from "@/lib/deals/list/xlsx";
import { readXlsx } from "@/lib/import/xlsx";
import { deflated, deflatedRepeat, workbookBytes, workbookParts, zipOf, type RawEntry } from "../helpers/zip";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

const MB = 1024 * 1024;
const SHEET = "xl/worksheets/sheet1.xml";
const replacing = (parts: RawEntry[], entry: RawEntry) => parts.map((p) => (p.name === entry.name ? entry : p));
const sheetXml = (rows: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;

/** Runs `read`, sampling the process's memory meanwhile: how much it grew at most, and how long it took. */
async function measured<T>(read: () => Promise<T>): Promise<{ result: T; rssGrowth: number; arrayBuffersGrowth: number; ms: number }> {
  const before = process.memoryUsage();
  let rss = before.rss;
  let arrayBuffers = before.arrayBuffers;
  const sample = () => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    arrayBuffers = Math.max(arrayBuffers, now.arrayBuffers);
  };
  const timer = setInterval(sample, 2);
  const started = performance.now();
  const result = await read();
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  return { result, rssGrowth: rss - before.rss, arrayBuffersGrowth: arrayBuffers - before.arrayBuffers, ms };
}

describe("xlsx", () => {
  it("writes a streamed workbook that reads back as the same table", async () => {
    const writer = xlsxStream("Deals");
    const reading = bytesOf(writer.body);
    writer.addRow(["ID", "Title", "Amount", "Currency"]);
    for (let i = 1; i <= 500; i++) writer.addRow([i, `Cung cấp máy chủ #${i}`, String(i * 1_000_000), "VND"], new Set([2]));
    writer.addRow([501, "007", "12345678901234567.5", "USD"], new Set([2]));
    await writer.finish();
    const result = await readXlsx(await reading);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.table.header).toEqual(["ID", "Title", "Amount", "Currency"]);
    expect(result.table.rows).toHaveLength(501);
    expect(result.table.rows[0]).toEqual(["1", "Cung cấp máy chủ #1", "1000000", "VND"]);
    // Too long for a double: kept as exact text.
    expect(result.table.rows[500]).toEqual(["501", "007", "12345678901234567.5", "USD"]);
  });

  it("reads an ordinary workbook made in a spreadsheet program: Vietnamese text, numbers and dates", async () => {
    const bytes = await workbookBytes([
      ["Tên giao dịch", "Số tiền", "Tiền tệ", "Ngày kết thúc", "Công ty"],
      ["Lắp đặt hệ thống camera", 1_500_000, "VND", new Date(Date.UTC(2026, 11, 31)), "Công ty TNHH Đức Phát"],
      ["Bảo trì máy chủ quý 3", 2500.5, "USD", new Date(Date.UTC(2026, 8, 1)), "Tập đoàn Hòa Bình"],
    ]);
    const result = await readXlsx(bytes);
    expect(result).toEqual({
      ok: true,
      table: {
        header: ["Tên giao dịch", "Số tiền", "Tiền tệ", "Ngày kết thúc", "Công ty"],
        rows: [
          ["Lắp đặt hệ thống camera", "1500000", "VND", "2026-12-31", "Công ty TNHH Đức Phát"],
          ["Bảo trì máy chủ quý 3", "2500.5", "USD", "2026-09-01", "Tập đoàn Hòa Bình"],
        ],
        lines: [2, 3],
      },
    });
  });

  it("reads a workbook by what it holds, whatever sizes its directory declares", async () => {
    const parts = await workbookParts([["Tên giao dịch"], ["Hợp đồng Hà Nội"]]);
    const lying = zipOf(parts.map((p) => ({ ...p, declared: 0xfffffffe })));
    expect(await readXlsx(lying)).toMatchObject({ ok: true, table: { rows: [["Hợp đồng Hà Nội"]] } });
  });

  it("refuses a zip bomb (1,000 bytes declared, 300 MB inflated) quickly, never holding what it inflates to", async () => {
    const parts = await workbookParts([["Title"], ["A deal"]]);
    const bomb = zipOf(replacing(parts, { name: SHEET, deflated: await deflatedRepeat(300), declared: 1_000 }));
    expect(bomb.length).toBeLessThan(400 * 1024);
    const { result, rssGrowth, arrayBuffersGrowth, ms } = await measured(() => readXlsx(bomb));
    expect(result).toEqual({ ok: false, error: "tooLargeUnzipped" });
    expect(ms).toBeLessThan(10_000);
    // Chunks of 64 KB pass through and are dropped (some garbage before a collection), never 300 MB.
    expect(arrayBuffersGrowth).toBeLessThan(64 * MB);
    expect(rssGrowth).toBeLessThan(96 * MB);
  });

  it("refuses a bomb split over the parts (each below the cap, together above it)", async () => {
    const parts = await workbookParts([["Title"], ["A deal"]]);
    const strings = { name: "xl/sharedStrings.xml", deflated: await deflatedRepeat(150), declared: 100 };
    const sheet = { name: SHEET, deflated: await deflatedRepeat(150, 0x20), declared: 100 };
    const bomb = zipOf([...replacing(parts, sheet).filter((p) => p.name !== strings.name), strings]);
    expect(await readXlsx(bomb)).toEqual({ ok: false, error: "tooLargeUnzipped" });
  });

  it("refuses too many rows or columns from the sheet's XML, before a model of it is built", async () => {
    const parts = await workbookParts([["Title"], ["A deal"]]);
    const hostile = async (rows: string) => {
      const file = zipOf(replacing(parts, deflated(SHEET, sheetXml(rows))));
      return measured(() => readXlsx(file));
    };
    // A million rows of one value each: small once zipped, gigabytes as a spreadsheet model.
    const million = Array.from({ length: 1_000_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>1</v></c></row>`).join("");
    const rows = await hostile(million);
    expect(rows.result).toEqual({ ok: false, error: "tooManyRows" });
    expect(rows.ms).toBeLessThan(5_000);
    expect(rows.rssGrowth).toBeLessThan(256 * MB);
    // Rows without a value cost memory too.
    expect((await hostile(Array.from({ length: 30_000 }, (_, i) => `<row r="${i + 1}"/>`).join(""))).result).toEqual({ ok: false, error: "tooManyRows" });
    // A cell in Excel's last column, by reference; and 101 cells without one.
    expect((await hostile(`<row r="1"><c r="A1" t="inlineStr"><is><t>Title</t></is></c><c r="XFD1" s="0"/></row>`)).result).toEqual({ ok: false, error: "tooManyColumns" });
    expect((await hostile(`<row r="1">${"<c><v>1</v></c>".repeat(101)}</row>`)).result).toEqual({ ok: false, error: "tooManyColumns" });
  });

  it("refuses honest files past the limits: 10,001 data rows, 101 columns", async () => {
    const tall = await workbookBytes([["Title"], ...Array.from({ length: 10_001 }, (_, i) => [`Giao dịch ${i}`])]);
    expect(await readXlsx(tall)).toEqual({ ok: false, error: "tooManyRows" });
    const wide = await workbookBytes([Array.from({ length: 101 }, (_, i) => `Cột ${i}`), Array.from({ length: 101 }, () => "x")]);
    expect(await readXlsx(wide)).toEqual({ ok: false, error: "tooManyColumns" });
    const limit = await workbookBytes([Array.from({ length: 100 }, (_, i) => `Cột ${i}`), ...Array.from({ length: 10_000 }, (_, r) => [`Giao dịch ${r}`])]);
    expect(await readXlsx(limit)).toMatchObject({ ok: true });
  });

  it("refuses one shared string repeated into a table larger than the file may unzip to", async () => {
    const parts = await workbookParts([["Title"], ["A deal"]]);
    const long = "Đ".repeat(2 * MB);
    const strings = deflated("xl/sharedStrings.xml", `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>${long}</t></si></sst>`);
    const column = (n: number) => (n > 26 ? String.fromCharCode(64 + Math.floor((n - 1) / 26)) : "") + String.fromCharCode(65 + ((n - 1) % 26));
    const cells = (r: number) => Array.from({ length: 100 }, (_, c) => `<c r="${column(c + 1)}${r}" t="s"><v>0</v></c>`).join("");
    const rows = `<row r="1">${cells(1)}</row><row r="2">${cells(2)}</row>`;
    const file = zipOf([...replacing(parts, deflated(SHEET, sheetXml(rows))).filter((p) => p.name !== strings.name), strings]);
    expect(await readXlsx(file)).toEqual({ ok: false, error: "tooLargeUnzipped" });
  });

  it("refuses a file that is not a workbook", async () => {
    expect(await readXlsx(new TextEncoder().encode("PK not really a zip"))).toEqual({ ok: false, error: "notXlsx" });
    // A zip with no workbook in it, and a workbook part that is not deflate.
    expect(await readXlsx(zipOf([deflated("hello.txt", "xin chào")]))).toEqual({ ok: false, error: "notXlsx" });
    const parts = await workbookParts([["Title"], ["A deal"]]);
    expect(await readXlsx(zipOf(replacing(parts, { name: SHEET, deflated: Buffer.from("not deflate at all"), declared: 18 })))).toEqual({ ok: false, error: "notXlsx" });
  });
});
