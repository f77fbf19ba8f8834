import { describe, expect, it } from "vitest";
import { xlsxStream } from "@/lib/deals/list/xlsx";
import { readXlsx } from "@/lib/import/xlsx";

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

  it("refuses a file that is not a workbook", async () => {
    expect(await readXlsx(new TextEncoder().encode("PK not really a zip"))).toEqual({ ok: false, error: "notXlsx" });
  });
});
