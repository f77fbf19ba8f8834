import type { ActionContext } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { refuseUpload, storeUpload } from "@/lib/files/uploads";
import { customInputFromForm, fileInputName, parseCustomInput, SENT } from "./form-input";
import type { FieldDefinition, RawInput, StoredValue } from "./values";


/**
 * The custom values a form sent, parsed with the fields' one schema. Files come first: every
 * upload is checked (size, type), then `authorize` (the permission the write needs) runs, and
 * only then is any byte stored, so a refused request stores nothing; accepted ones join the
 * field's kept files by id, and are removed at once if the action fails later.
 */
export async function submittedCustomValues(
  context: Pick<ActionContext, "db" | "formData" | "t" | "locale" | "onFailure"> & { viewer: { id: number; orgId: number; org: { timezone: string } } },
  defs: FieldDefinition[],
  options: { authorize: () => Promise<unknown>; enforceMandatory?: boolean },
): Promise<Record<string, StoredValue | null>> {
  const { db, viewer, formData, t, locale, onFailure } = context;
  if (!formData.has(SENT)) return {};
  const input: Record<string, RawInput> = customInputFromForm(formData, defs, viewer.org.timezone);
  const uploads = defs
    .filter((def) => def.type === "file" && def.code in input)
    .map((def) => ({ def, files: formData.getAll(fileInputName(def.code)).filter((f): f is File => f instanceof File && f.size > 0) }));
  const messages: Record<string, string[]> = {};
  for (const { def, files } of uploads) {
    for (const file of files) {
      const refusal = refuseUpload(def, file, t);
      if (refusal) (messages[`cf:${def.code}`] ??= []).push(refusal);
    }
  }
  if (Object.keys(messages).length) throw new ActionError("invalid", "errors.invalid", undefined, undefined, messages);
  if (uploads.some((u) => u.files.length)) await options.authorize();
  for (const { def, files } of uploads) {
    // A one-file field takes the new file in place of the one it had.
    if (!def.multiple && files.length) input[def.code] = [];
    for (const file of files) (input[def.code] as string[]).push(String(await storeUpload(db, viewer.orgId, viewer.id, def, file, onFailure)));
  }
  return parseCustomInput(input, defs, { t, locale }, { enforceMandatory: options.enforceMandatory });
}
