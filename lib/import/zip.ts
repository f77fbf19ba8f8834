import { createInflateRaw, crc32, inflateRawSync } from "node:zlib";

/**
 * Reading an untrusted zip (an .xlsx) without trusting anything it declares: entries are found
 * through the central directory and their data through the local headers, and an entry's size is
 * what inflating it actually produces, counted while it streams, never the size it states. A
 * "zip bomb" (a few hundred KB that inflate to gigabytes) is stopped at the cap having held no
 * more than one chunk of its output.
 */
export type ZipEntry = { name: string; method: number; data: Uint8Array };

const END = 0x06054b50;
const ENTRY = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/**
 * The entries of a zip file by name (a leading "/" dropped, as spreadsheet readers do), their
 * compressed data located but not inflated. null: not a zip this reader accepts (ZIP64, encrypted,
 * a compression other than deflate, an entry outside the file, or two entries of one name).
 */
export function zipEntries(bytes: Uint8Array): Map<string, ZipEntry> | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  // The end-of-central-directory record: 22 bytes, then a comment of up to 65,535 bytes.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (u32(i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(end + 10);
  let offset = u32(end + 16);
  if (count === 0xffff || offset === 0xffffffff) return null;
  const entries = new Map<string, ZipEntry>();
  for (let n = 0; n < count; n++) {
    if (offset + 46 > bytes.length || u32(offset) !== ENTRY) return null;
    const flags = u16(offset + 8);
    const method = u16(offset + 10);
    const compressedSize = u32(offset + 20);
    const nameLength = u16(offset + 28);
    const local = u32(offset + 42);
    if (offset + 46 + nameLength > bytes.length) return null;
    const name = new TextDecoder().decode(bytes.subarray(offset + 46, offset + 46 + nameLength)).replace(/^\//, "");
    offset += 46 + nameLength + u16(offset + 30) + u16(offset + 32);
    if (name.endsWith("/")) continue; // a folder
    if (flags & 1 || (method !== STORED && method !== DEFLATED) || compressedSize === 0xffffffff) return null;
    if (local + 30 > bytes.length || u32(local) !== LOCAL) return null;
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    if (start + compressedSize > bytes.length || entries.has(name)) return null;
    entries.set(name, { name, method, data: bytes.subarray(start, start + compressedSize) });
  }
  return entries;
}

/**
 * An entry's content, or "tooLarge" as soon as inflating it produces more than `limit` bytes, or
 * null when its data is not valid deflate. Inflated twice: first only counted (a bomb is refused
 * having kept nothing), then kept, with the count as a hard cap.
 */
export async function inflateEntry(entry: ZipEntry, limit: number): Promise<Buffer | "tooLarge" | null> {
  if (entry.method === STORED) return entry.data.length > limit ? "tooLarge" : Buffer.from(entry.data);
  const size = await inflatedSize(entry.data, limit);
  if (size === null || size === "tooLarge") return size;
  try {
    return inflateRawSync(entry.data, { maxOutputLength: Math.max(size, 1) });
  } catch {
    return null;
  }
}

function inflatedSize(data: Uint8Array, limit: number): Promise<number | "tooLarge" | null> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    inflate.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        inflate.destroy();
        resolve("tooLarge");
      }
    });
    inflate.on("error", () => resolve(null));
    inflate.on("end", () => resolve(size));
    inflate.end(data);
  });
}

/**
 * A zip of the given files, stored uncompressed: what a zip reader then reads is exactly these
 * bytes, whatever the original file's directory said.
 */
export function storedZip(files: [name: string, content: Uint8Array][]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of files) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(ENTRY, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, Buffer.from(content.buffer, content.byteOffset, content.byteLength));
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + content.length;
  }
  const size = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
