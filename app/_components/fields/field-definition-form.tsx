import { ActionForm } from "@/app/_components/action-form";
import { formVersion } from "@/lib/actions/form-version";
import { customFieldTypes } from "@/db/schema/fields";
import { createFieldAction, updateFieldAction } from "@/lib/fields/actions";
import type { CustomField } from "@/lib/fields/queries";
import type { Translate } from "@/lib/i18n/translate";
import { DEFAULT_EXTENSIONS } from "@/lib/files/limits";

/**
 * Create or edit a custom field. A new field picks its type (and may set its code); an existing
 * one keeps both, since its stored values are typed by them. Settings a type does not use are ignored;
 * a new field's form shows only the chosen type's (CSS :has() on the type select, so without
 * JavaScript too; where :has() is unknown every setting shows, labelled with its type).
 */
export function FieldDefinitionForm({ field, t, people, departments }: { field?: CustomField; t: Translate; people: { id: number; name: string }[]; departments: { id: number; name: string }[] }) {
  const p = field ? `field-${field.id}` : "field-new";
  const type = field?.type;
  const checkbox = (name: "multiple" | "mandatory" | "showInFilter" | "showInList" | "multiline", label: string, checked: boolean) => (
    <label>
      <input type="checkbox" name={name} defaultChecked={checked} /> {label}
    </label>
  );
  return (
    <ActionForm action={field ? updateFieldAction : createFieldAction} record={p} version={formVersion(field)} className="field-definition" label={field ? `${t("fields.edit")}: ${field.label}` : t("fields.add")}>
      {field && <input type="hidden" name="id" value={field.id} />}
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${p}-label`}>{t("fields.label")}</label>
          <input id={`${p}-label`} name="label" required maxLength={100} defaultValue={field?.label ?? ""} />
        </div>
        <div className="field">
          <label htmlFor={`${p}-type`}>{t("fields.type")}</label>
          {field ? (
            <input id={`${p}-type`} value={t(`fields.types.${field.type}`)} readOnly />
          ) : (
            <select id={`${p}-type`} name="type" defaultValue="string">
              {customFieldTypes.map((ft) => (
                <option key={ft} value={ft}>
                  {t(`fields.types.${ft}`)}
                </option>
              ))}
            </select>
          )}
          {field && <input type="hidden" name="type" value={field.type} />}
        </div>
        <div className="field">
          <label htmlFor={`${p}-code`}>{t("fields.code")}</label>
          {field ? <input id={`${p}-code`} value={field.code} readOnly /> : <input id={`${p}-code`} name="code" maxLength={50} placeholder="UF_CRM_…" pattern="[Uu][Ff]_[Cc][Rr][Mm]_[A-Za-z0-9_]{1,43}" />}
        </div>
        <div className="field">
          <label htmlFor={`${p}-sort`}>{t("fields.sort")}</label>
          <input id={`${p}-sort`} name="sort" inputMode="numeric" defaultValue={field?.sort ?? 100} />
        </div>
        <fieldset className="field flags">
          <legend>{t("fields.flags")}</legend>
          {checkbox("multiple", t("fields.multiple"), field?.multiple ?? false)}
          {checkbox("mandatory", t("fields.mandatory"), field?.mandatory ?? false)}
          {checkbox("showInFilter", t("fields.showInFilter"), field?.showInFilter ?? false)}
          {checkbox("showInList", t("fields.showInList"), field?.showInList ?? false)}
        </fieldset>
        {(!type || type === "string") && <div className="field type-option" data-for="string">{checkbox("multiline", `${t("fields.multiline")} (${t("fields.types.string")})`, field?.settings.multiline ?? false)}</div>}
        {(!type || type === "decimal") && (
          <div className="field type-option" data-for="decimal">
            <label htmlFor={`${p}-precision`}>
              {t("fields.precision")} ({t("fields.types.decimal")})
            </label>
            <input id={`${p}-precision`} name="precision" inputMode="numeric" defaultValue={field?.settings.precision ?? 2} />
          </div>
        )}
        {(!type || type === "crm") && (
          <div className="field type-option" data-for="crm">
            <label htmlFor={`${p}-target`}>
              {t("fields.target")} ({t("fields.types.crm")})
            </label>
            <select id={`${p}-target`} name="target" defaultValue={field?.settings.target ?? "company"}>
              {(["company", "contact", "deal"] as const).map((target) => (
                <option key={target} value={target}>
                  {t(`fields.targets.${target}`)}
                </option>
              ))}
            </select>
          </div>
        )}
        {(!type || type === "file") && (
          <>
            <div className="field type-option" data-for="file">
              <label htmlFor={`${p}-maxSizeMb`}>
                {t("fields.maxSizeMb")} ({t("fields.types.file")})
              </label>
              <input id={`${p}-maxSizeMb`} name="maxSizeMb" inputMode="numeric" defaultValue={field?.settings.maxSizeMb ?? 10} />
            </div>
            <div className="field type-option" data-for="file">
              <label htmlFor={`${p}-extensions`}>
                {t("fields.extensions")} ({t("fields.types.file")})
              </label>
              <input id={`${p}-extensions`} name="extensions" defaultValue={(field?.settings.extensions ?? []).join(", ")} placeholder={DEFAULT_EXTENSIONS.join(", ")} />
            </div>
          </>
        )}
        {(!type || type === "enumeration") && (
          <div className="field wide type-option" data-for="enumeration">
            <label htmlFor={`${p}-options`}>
              {t("fields.options")} ({t("fields.types.enumeration")})
            </label>
            <textarea id={`${p}-options`} name="options" rows={4} defaultValue={(field?.settings.options ?? []).map((o) => o.label).join("\n")} />
          </div>
        )}
        <fieldset className="field wide visibility">
          <legend>{t("fields.visibleTo")}</legend>
          <p className="muted small">{t("fields.visibleHint")}</p>
          <label htmlFor={`${p}-visible-users`}>{t("fields.visibleUsers")}</label>
          <select id={`${p}-visible-users`} name="visibleUsers[]" multiple size={4} defaultValue={(field?.visibleTo?.users ?? []).map(String)}>
            {people.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${p}-visible-departments`}>{t("fields.visibleDepartments")}</label>
          <select id={`${p}-visible-departments`} name="visibleDepartments[]" multiple size={4} defaultValue={(field?.visibleTo?.departments ?? []).map(String)}>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </fieldset>
      </div>
      <button type="submit" className="button primary">
        {field ? t("fields.save") : t("fields.create")}
      </button>
    </ActionForm>
  );
}
