import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Where uploaded files' bytes live. One interface so an object store (S3 and the like) can take
 * the disk's place; keys are "<org>/<random>", never a name a user chose.
 */
export type FileStorage = {
  /** Where the bytes are on disk (null for a remote store): the cleanup lists it for strays. */
  root: string | null;
  put(key: string, bytes: Uint8Array): Promise<void>;
  get(key: string): Promise<Uint8Array | null>;
  remove(key: string): Promise<void>;
};

/** Files on disk under CRM_FILES_DIR (default: a "files" folder next to the embedded database). */
export function diskStorage(root = process.env.CRM_FILES_DIR || path.join(process.env.CRM_DATA_DIR || ".data", "files")): FileStorage {
  const at = (key: string) => {
    if (!/^\d+\/[a-f0-9]{32}$/.test(key)) throw new Error("bad file key");
    return path.join(root, key);
  };
  return {
    root,
    async put(key, bytes) {
      await mkdir(path.dirname(at(key)), { recursive: true });
      await writeFile(at(key), bytes);
    },
    async get(key) {
      return readFile(at(key)).then(
        (b) => new Uint8Array(b),
        () => null,
      );
    },
    async remove(key) {
      await rm(at(key), { force: true });
    },
  };
}

let storage: FileStorage | null = null;
export function fileStorage(): FileStorage {
  return (storage ??= diskStorage());
}
