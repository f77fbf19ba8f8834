"use server";

import { numberFormatChoices } from "./numbers";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { dealImports, userSettings } from "@/db/schema";
import { defineAction } from "@/lib/actions/action";
import { ActionError } from "@/lib/actions/errors";
import { searchable } from "@/lib/search/normalize";
import { decodeUtf8, MAX_COLUMNS, parseCsv } from "./csv";
import { MAX_XLSX_UNZIPPED_MB, readXlsx } from "./xlsx";
import { getImport, guessField, IMPORT_MAX_ROWS, importableFields, importFields } from "./deal-import";
import { queueImport } from "./import-job";

const MAPPING_SETTING = "deals.import.mapping";
const MAX_MB = 10;
const id = z.coerce.number().int().positive();

export const uploadImportAction = defineAction({
  schema: () => z.object({}),
  async run(_input, { db, viewer, formData }) {
    const mayImport = viewer.access.superuser || Object.values(viewer.access.pipelines).some((p) => Object.values(p.stages).some((levels) => levels.IMPORT !== "none"));
    if (!mayImport) throw new ActionError("forbidden", "errors.forbidden");
    const file = formData.get("file");
    if (!(file instanceof File) || file.size === 0) throw new ActionError("invalid", "import.noFile");
    if (file.size > MAX_MB * 1024 * 1024) throw new ActionError("invalid", "import.tooBig", { max: MAX_MB });
    const bytes = new Uint8Array(await file.arrayBuffer());
    // An .xlsx file is a zip: it starts with "PK".
    const isXlsx = /\.xlsx$/i.test(file.name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
    let parsed: Awaited<ReturnType<typeof readXlsx>> | ReturnType<typeof parseCsv>;
    if (isXlsx) parsed = await readXlsx(bytes);
    else {
      const text = decodeUtf8(bytes);
      if (text === null) throw new ActionError("invalid", "import.notUtf8");
      parsed = parseCsv(text);
    }
    if (!parsed.ok) throw new ActionError("invalid", `import.${parsed.error}`, { max: parsed.error === "tooManyColumns" ? MAX_COLUMNS : parsed.error === "tooLargeUnzipped" ? MAX_XLSX_UNZIPPED_MB : IMPORT_MAX_ROWS, count: "> " + IMPORT_MAX_ROWS });
    const { header, rows, lines } = parsed.table;
    if (rows.length > IMPORT_MAX_ROWS) throw new ActionError("invalid", "import.tooManyRows", { count: rows.length, max: IMPORT_MAX_ROWS });
    const [saved] = await db.select({ value: userSettings.value }).from(userSettings).where(and(eq(userSettings.userId, viewer.id), eq(userSettings.key, MAPPING_SETTING)));
    const remembered = (saved?.value ?? {}) as Record<string, string>;
    const custom = await importableFields(db, viewer);
    const mapping = Object.fromEntries(header.map((h, i) => [String(i), guessField(h, remembered, custom)]));
    const [row] = await db
      .insert(dealImports)
      .values({ orgId: viewer.orgId, userId: viewer.id, filename: file.name.slice(0, 200), header, rows, lines, mapping })
      .returning({ id: dealImports.id });
    return { redirectTo: `/deals/import/${row!.id}` };
  },
});

export const saveImportMappingAction = defineAction({
  schema: () => z.object({ id, createMissing: z.string().optional(), numberFormat: z.enum(numberFormatChoices).default("auto") }).catchall(z.string()),
  async run({ id: importId, createMissing, numberFormat, ...fields }, { db, viewer }) {
    const upload = await getImport(db, viewer, importId);
    if (!upload) throw new ActionError("notFound", "errors.notFoundGeneric");
    if (upload.status !== "uploaded") throw new ActionError("invalid", "import.done");
    const mapping: Record<string, string> = {};
    const custom = new Set((await importableFields(db, viewer)).map((d) => d.code));
    for (let i = 0; i < upload.header.length; i++) {
      const field = fields[`col.${i}`] ?? "ignore";
      if (!(importFields as readonly string[]).includes(field) && !custom.has(field)) throw new ActionError("invalid", "errors.unknownOption");
      mapping[String(i)] = field;
    }
    await db.update(dealImports).set({ mapping, createMissing: createMissing === "on" ? 1 : 0, numberFormat }).where(eq(dealImports.id, importId));
    // Remembered by header name for the next file.
    const [saved] = await db.select({ value: userSettings.value }).from(userSettings).where(and(eq(userSettings.userId, viewer.id), eq(userSettings.key, MAPPING_SETTING)));
    const remembered = { ...((saved?.value ?? {}) as Record<string, string>), ...Object.fromEntries(upload.header.map((h, i) => [searchable(h), mapping[String(i)]!])) };
    await db
      .insert(userSettings)
      .values({ orgId: viewer.orgId, userId: viewer.id, key: MAPPING_SETTING, value: remembered })
      .onConflictDoUpdate({ target: [userSettings.userId, userSettings.key], set: { value: remembered } });
    return { redirectTo: `/deals/import/${importId}?check=1` };
  },
});

/** Queues the import: thousands of rows take longer than a request, so the job queue runs it and the page shows progress. */
export const commitImportAction = defineAction({
  schema: () => z.object({ id }),
  async run({ id: importId }, { db, viewer }) {
    const upload = await getImport(db, viewer, importId);
    if (!upload) throw new ActionError("notFound", "errors.notFoundGeneric");
    if (upload.status !== "uploaded") throw new ActionError("invalid", "import.done");
    await queueImport(db, viewer.orgId, importId);
    return { redirectTo: `/deals/import/${importId}`, revalidate: ["/deals"] };
  },
});
