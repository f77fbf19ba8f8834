import { titled } from "@/lib/i18n/titles";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/db/client";
import { requireViewer } from "@/lib/auth/viewer";
import { parseId } from "@/lib/ids";
import { mayAddClients } from "@/lib/permissions";
import { getI18n } from "@/lib/i18n/server";
import type { MessageKey } from "@/lib/i18n/translate";
import { commitImportAction, saveImportMappingAction } from "@/lib/import/actions";
import { checkRows, numberReading, getImport, importableFields, importFieldLabel, importFields, type ImportField } from "@/lib/import/deal-import";
import { numberFormatChoices } from "@/lib/import/numbers";
import { formatQuantity } from "@/lib/i18n/format";
import { progressOf } from "@/lib/import/import-job";
import { formVersion } from "@/lib/actions/form-version";
import { ActionForm } from "@/app/_components/action-form";

export const generateMetadata = titled("titles.importDeals");

/** Map the columns, check every row, then import all or nothing. */
export default async function ImportMappingPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await requireViewer();
  const id = parseId((await params).id);
  if (!id) notFound();
  const db = await getDb();
  const upload = await getImport(db, viewer, id);
  if (!upload) notFound();
  const { t, locale } = await getI18n();
  const query = await searchParams;
  const custom = await importableFields(db, viewer);
  const fieldName = (field: ImportField) => (field === "ignore" ? t("import.ignore") : t(importFieldLabel(field)));

  if (upload.status === "done") {
    return (
      <section className="card-section">
        <h1>{t("import.title")}</h1>
        <p className="alert success" role="status" data-testid="import-done">
          {t("import.imported", { count: upload.imported })}
        </p>
        <Link href="/deals">{t("common.backToDeals")}</Link>
      </section>
    );
  }

  if (upload.status === "queued" || upload.status === "running") {
    const processed = progressOf(upload);
    return (
      <section className="card-section bulk-progress" aria-live="polite">
        <meta httpEquiv="refresh" content="1" />
        <h1>{t("import.title")}</h1>
        <progress max={upload.rows.length} value={processed} aria-label={t("import.progress", { processed, total: upload.rows.length })} />
        <p data-testid="import-progress">{t("import.progress", { processed, total: upload.rows.length })}</p>
        <p className="muted">{t("bulk.leaveHint")}</p>
      </section>
    );
  }

  const checked = query.check ? await checkRows(db, viewer, upload.rows, upload.mapping, upload.createMissing === 1, upload.lines, upload.numberFormat) : null;
  // Read only for the check step, which shows it.
  const { format, sample } = checked ? await numberReading(db, viewer.orgId, upload) : { format: null, sample: null };
  const bad = checked?.filter((r) => r.errors.length) ?? [];
  const duplicates = checked?.filter((r) => r.duplicate) ?? [];
  const problem = (p: { key: MessageKey; vars?: Record<string, string | number> }) => {
    const field = p.vars?.field as ImportField | undefined;
    const standard = field !== undefined && (importFields as readonly string[]).includes(field) && field !== "ignore";
    const named: Record<string, string> = typeof p.vars?.fieldKey === "string" ? { field: t(p.vars.fieldKey as MessageKey) } : standard ? { field: fieldName(field) } : {};
    return t(p.key, { ...p.vars, ...named });
  };

  return (
    <>
      <h1>
        {t("import.title")}: {upload.filename}
      </h1>
      {upload.error && (
        <p className="alert error" role="alert">
          {t(upload.error.key as MessageKey, upload.error.vars)}
        </p>
      )}
      <section className="card-section">
        <h2>{t("import.mapping")}</h2>
        <ActionForm action={saveImportMappingAction} record={`import:${upload.id}`} version={formVersion(upload.mapping)} label={t("import.mapping")}>
          <input type="hidden" name="id" value={upload.id} />
          <div className="table-scroll" tabIndex={0}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("import.column")}</th>
                  <th scope="col">{t("import.sample")}</th>
                  <th scope="col">{t("import.field")}</th>
                </tr>
              </thead>
              <tbody>
                {upload.header.map((h, i) => (
                  <tr key={i}>
                    <th scope="row">{h}</th>
                    <td className="muted">{upload.rows[0]?.[i] ?? ""}</td>
                    <td>
                      <select name={`col.${i}`} defaultValue={upload.mapping[String(i)] ?? "ignore"} aria-label={`${t("import.field")}: ${h}`}>
                        {importFields.map((f) => (
                          <option key={f} value={f}>
                            {fieldName(f)}
                          </option>
                        ))}
                        {custom.length > 0 && (
                          <optgroup label={t("fields.section")}>
                            {custom.map((f) => (
                              <option key={f.code} value={f.code}>
                                {f.label}
                              </option>
                            ))}
                          </optgroup>
                        )}
                      </select>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <label className="field">
            <span>{t("import.numberFormat")}</span>
            <select name="numberFormat" defaultValue={upload.numberFormat}>
              {numberFormatChoices.map((choice) => (
                <option key={choice} value={choice}>
                  {t(`import.numberFormats.${choice}`)}
                </option>
              ))}
            </select>
          </label>
          {mayAddClients(viewer) && (
            <label>
              <input type="checkbox" name="createMissing" defaultChecked={upload.createMissing === 1} /> {t("import.createMissing")}
            </label>
          )}{" "}
          <button type="submit" className="button">
            {t("import.check")}
          </button>
        </ActionForm>
      </section>
      {checked && (
        <section className="card-section">
          {format && sample && (
            <p className={sample.amount === null ? "alert warning" : "muted"} data-testid="import-numbers">
              {sample.amount === null
                ? t("import.numbersUnread", { format: t(`import.numberFormats.${format}`), sample: sample.cell })
                : t("import.numbersAs", { format: t(`import.numberFormats.${format}`), sample: sample.cell, value: formatQuantity(sample.amount, locale) })}
            </p>
          )}
          <p data-testid="import-summary">{t("import.summary", { ok: checked.length - bad.length, bad: bad.length, dup: duplicates.length })}</p>
          {bad.length > 0 ? (
            <>
              <p className="alert error" role="alert">
                {t("import.fixFirst")}
              </p>
              <ul className="action-details" data-testid="import-errors">
                {bad.slice(0, 200).map((row) => (
                  <li key={row.line}>
                    {t("import.line", { line: row.line })}: {row.errors.map(problem).join(" ")}
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <ActionForm action={commitImportAction}>
              <input type="hidden" name="id" value={upload.id} />
              <button type="submit" className="button primary">
                {t("import.commit", { count: checked.length })}
              </button>
            </ActionForm>
          )}
          {duplicates.length > 0 && (
            <ul className="muted" data-testid="import-duplicates">
              {duplicates.slice(0, 100).map((row) => (
                <li key={row.line}>
                  {t("import.line", { line: row.line })}: {t("import.duplicate")}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
