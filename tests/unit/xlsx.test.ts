import { describe, expect, it } from "vitest";
import { xlsxStream } from "@/lib/deals/list/xlsx";
import { readXlsx } from "@/lib/import/xlsx";
import { declaredUncompressedSize } from "@/lib/import/zip-size";

async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
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

  it("refuses, unread, a workbook that declares more than it may unzip to (a zip bomb)", async () => {
    // A minimal zip: one central-directory entry claiming 300 MB, and the end record.
    const name = new TextEncoder().encode("xl/worksheets/sheet1.xml");
    const entry = new Uint8Array(46 + name.length);
    const e = new DataView(entry.buffer);
    e.setUint32(0, 0x02014b50, true);
    e.setUint32(24, 300 * 1024 * 1024, true);
    e.setUint16(28, name.length, true);
    entry.set(name, 46);
    const end = new Uint8Array(22);
    const d = new DataView(end.buffer);
    d.setUint32(0, 0x06054b50, true);
    d.setUint16(8, 1, true);
    d.setUint16(10, 1, true);
    d.setUint32(12, entry.length, true);
    d.setUint32(16, 0, true);
    const bomb = new Uint8Array([...entry, ...end]);
    expect(declaredUncompressedSize(bomb)).toBe(300 * 1024 * 1024);
    expect(await readXlsx(bomb)).toEqual({ ok: false, error: "tooLargeUnzipped" });
  });

  it("reads the declared size of a real workbook", async () => {
    const writer = xlsxStream("Deals");
    const reading = bytesOf(writer.body);
    writer.addRow(["ID"]);
    await writer.finish();
    const size = declaredUncompressedSize(await reading);
    expect(size).toBeGreaterThan(0);
    expect(size).toBeLessThan(1024 * 1024);
  });

  it("refuses a file that is not a workbook", async () => {
    expect(await readXlsx(new TextEncoder().encode("PK not really a zip"))).toEqual({ ok: false, error: "notXlsx" });
  });
});
