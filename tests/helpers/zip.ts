import { createDeflateRaw, crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { inflateEntry, zipEntries } from "@/lib/import/zip";

/** A zip entry as a hostile file may write it: deflated data and whatever uncompressed size it cares to declare. */
export type RawEntry = { name: string; deflated: Buffer; declared: number };

export function deflated(name: string, content: string | Buffer, declared?: number): RawEntry {
  const bytes = typeof content === "string" ? Buffer.from(content, "utf8") : content;
  return { name, deflated: deflateRawSync(bytes), declared: declared ?? bytes.length };
}

/** A zip file of deflated entries, each declaring the size it was given (true or not). */
export function zipOf(entries: RawEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const header = (central: boolean) => {
      const b = Buffer.alloc(central ? 46 : 30);
      const at = central ? 2 : 0; // the central header has "version made by" first
      b.writeUInt32LE(central ? 0x02014b50 : 0x04034b50, 0);
      b.writeUInt16LE(20, 4 + at);
      b.writeUInt16LE(8, 8 + at);
      b.writeUInt32LE(crc32(e.deflated), 14 + at); // not the content's: nothing here checks it
      b.writeUInt32LE(e.deflated.length, 18 + at);
      b.writeUInt32LE(e.declared, 22 + at);
      b.writeUInt16LE(name.length, 26 + at);
      if (central) b.writeUInt32LE(offset, 42);
      return b;
    };
    directory.push(header(true), name);
    parts.push(header(false), name, e.deflated);
    offset += 30 + name.length + e.deflated.length;
  }
  const size = directory.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/** `megabytes` of one repeated byte, deflated as it streams (the test itself never holds them). */
export async function deflatedRepeat(megabytes: number, byte = 0x61): Promise<Buffer> {
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const ended = new Promise((resolve) => deflate.on("end", resolve));
  const mb = Buffer.alloc(1024 * 1024, byte);
  for (let i = 0; i < megabytes; i++) if (!deflate.write(mb)) await new Promise((resolve) => deflate.once("drain", resolve));
  deflate.end();
  await ended;
  return Buffer.concat(out);
}

/** A workbook made by exceljs, as its parts: a test swaps one for a hostile version and zips them again. */
export async function workbookParts(rows: unknown[][]): Promise<RawEntry[]> {
  const bytes = await workbookBytes(rows);
  const parts: RawEntry[] = [];
  for (const entry of zipEntries(bytes)!.values()) {
    const content = (await inflateEntry(entry, 50 * 1024 * 1024)) as Buffer;
    parts.push(deflated(entry.name, content));
  }
  return parts;
}

export async function workbookBytes(rows: unknown[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Deals");
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
