import { describe, expect, it } from "vitest";
import { refuseUpload } from "@/lib/files/uploads";
import type { FieldDefinition } from "@/lib/fields/values";
import { translator } from "@/lib/i18n/translate";

const t = translator("en");
const def = (settings: FieldDefinition["settings"] = {}): FieldDefinition => ({ code: "UF_CRM_DOC", label: "Doc", type: "file", settings, multiple: false, mandatory: false });
const MB = 1024 * 1024;

describe("upload limits", () => {
  it("take documents and images up to the field's size, never more than the hard cap", () => {
    expect(refuseUpload(def(), { name: "Hợp đồng.PDF", size: 2 * MB }, t)).toBeNull();
    expect(refuseUpload(def(), { name: "big.pdf", size: 50 * MB }, t)).toBe("“big.pdf” is larger than 10 MB.");
    expect(refuseUpload(def({ maxSizeMb: 500 }), { name: "big.pdf", size: 50 * MB }, t)).toBe("“big.pdf” is larger than 20 MB.");
  });
  it("refuse what a browser or an OS would run, even when a field lists it", () => {
    expect(refuseUpload(def(), { name: "setup.exe", size: 10 }, t)).toMatch(/^“setup.exe” is not a file this field takes/);
    expect(refuseUpload(def({ extensions: ["html", "pdf"] }), { name: "page.html", size: 10 }, t)).toMatch(/is not a file this field takes \(pdf\)/);
    expect(refuseUpload(def({ extensions: ["dwg"] }), { name: "plan.dwg", size: 10 }, t)).toBeNull();
    expect(refuseUpload(def(), { name: "no-extension", size: 10 }, t)).not.toBeNull();
  });
});
