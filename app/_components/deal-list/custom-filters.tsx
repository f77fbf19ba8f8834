import type { CustomFilter } from "@/lib/fields/filters";
import type { FieldDefinition } from "@/lib/fields/values";
import type { Translate } from "@/lib/i18n/translate";

type Option = { id: number; label: string };

/** The filter inputs of the custom fields marked "show in filter": ranges for numbers, money and dates; a choice or "contains" for the rest. */
export function CustomFilterInputs({ fields, filters, t, choices }: { fields: FieldDefinition[]; filters: CustomFilter[]; t: Translate; choices: { users: Option[]; companies: Option[] } }) {
  const value = (code: string, op: CustomFilter["op"]) => filters.find((f) => f.code === code && f.op === op)?.value ?? "";
  return (
    <>
      {fields.map((def) => {
        const name = `cf.${def.code}`;
        const ranged = ["integer", "decimal", "money", "date", "datetime"].includes(def.type);
        if (ranged) {
          const type = def.type === "date" || def.type === "datetime" ? "date" : "text";
          return (
            <fieldset key={def.code} className="field range">
              <legend>{def.label}</legend>
              <input type={type} name={`${name}.from`} defaultValue={value(def.code, "from")} aria-label={`${def.label} ${t("fields.from")}`} placeholder={t("fields.from")} inputMode={type === "text" ? "decimal" : undefined} />
              <input type={type} name={`${name}.to`} defaultValue={value(def.code, "to")} aria-label={`${def.label} ${t("fields.to")}`} placeholder={t("fields.to")} inputMode={type === "text" ? "decimal" : undefined} />
            </fieldset>
          );
        }
        const options: Option[] | null =
          def.type === "boolean"
            ? [
                { id: 1, label: t("fields.yes") },
                { id: 0, label: t("fields.no") },
              ]
            : def.type === "enumeration"
              ? (def.settings.options ?? [])
              : def.type === "employee"
                ? choices.users
                : def.type === "crm" && def.settings.target === "company"
                  ? choices.companies
                  : null;
        return (
          <label key={def.code} className="field">
            <span>{def.label}</span>
            {options ? (
              <select name={name} defaultValue={value(def.code, "eq")}>
                <option value="">{t("fields.any")}</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : (
              <input name={name} defaultValue={value(def.code, "eq")} maxLength={200} inputMode={def.type === "crm" ? "numeric" : undefined} />
            )}
          </label>
        );
      })}
    </>
  );
}
