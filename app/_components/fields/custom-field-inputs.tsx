import { Field } from "@/app/_components/field";
import { currencyName, fileInputName, inputName, SENT } from "@/lib/fields/form-input";
import { DEFAULT_EXTENSIONS } from "@/lib/files/limits";
import type { FieldDefinition } from "@/lib/fields/values";
import type { Translate } from "@/lib/i18n/translate";
import { currencies } from "@/lib/money/money";

type Option = { id: number; label: string };
export type CustomFieldChoices = { users: Option[]; companies: Option[]; contacts: Option[] };

/**
 * The inputs of custom fields, one per definition, as plain form controls (they work without
 * JavaScript). A "several values" field shows what it holds plus two empty slots; lists pick
 * several in one multi-select.
 */
export function CustomFieldInputs({
  defs,
  values,
  errors,
  choices,
  t,
  baseCurrency = "VND",
  fileNames = {},
}: {
  defs: FieldDefinition[];
  values: Record<string, string | string[]>;
  errors: Record<string, string[]>;
  choices: CustomFieldChoices;
  t: Translate;
  baseCurrency?: string;
  /** Names of the files the fields hold, by id. */
  fileNames?: Record<string, string>;
}) {
  const list = (name: string) => {
    const v = values[name];
    return Array.isArray(v) ? v : v ? [v] : [];
  };
  return (
    <>
      {defs.map((def) => {
        const name = inputName(def.code);
        const current = list(name);
        const slots = def.multiple ? [...current, "", ""] : [current[0] ?? ""];
        const label = def.mandatory ? `${def.label} *` : def.label;
        function select(options: Option[]) {
          return function renderSelect(props: { id: string }) {
            return (
              <select {...props} name={name} multiple={def.multiple} defaultValue={def.multiple ? current : (current[0] ?? "")}>
                {!def.multiple && <option value="">{t("common.none")}</option>}
                {options.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            );
          };
        }
        function text(type: string, extra: Record<string, string | number> = {}) {
          return function renderInputs(props: { id: string }) {
            return (
              <span className="multi-inputs">
                {slots.map((value, i) => (
                  <input key={i} {...(i === 0 ? props : {})} aria-label={i === 0 ? undefined : def.label} type={type} name={name} defaultValue={value} {...extra} />
                ))}
              </span>
            );
          };
        }
        let control: (props: { id: string }) => React.ReactNode;
        switch (def.type) {
          case "string":
            control = def.settings.multiline
              ? (props) => (
                  <span className="multi-inputs">
                    {slots.map((value, i) => (
                      <textarea key={i} {...(i === 0 ? props : {})} aria-label={i === 0 ? undefined : def.label} name={name} rows={3} defaultValue={value} />
                    ))}
                  </span>
                )
              : text("text", { maxLength: 2000 });
            break;
          case "address":
            control = (props) => (
              <span className="multi-inputs">
                {slots.map((value, i) => (
                  <textarea key={i} {...(i === 0 ? props : {})} aria-label={i === 0 ? undefined : def.label} name={name} rows={2} defaultValue={value} />
                ))}
              </span>
            );
            break;
          case "integer":
          case "decimal":
            control = text("text", { inputMode: def.type === "integer" ? "numeric" : "decimal" });
            break;
          case "url":
            control = text("url");
            break;
          case "date":
            control = text("date");
            break;
          case "datetime":
            control = text("datetime-local");
            break;
          case "boolean":
            control = (props) => (
              <select {...props} name={name} defaultValue={current[0] ?? ""}>
                <option value="">{t("common.none")}</option>
                <option value="1">{t("fields.yes")}</option>
                <option value="0">{t("fields.no")}</option>
              </select>
            );
            break;
          case "money": {
            const currencyValues = list(currencyName(def.code));
            control = (props) => (
              <span className="money-input">
                <input {...props} name={name} inputMode="decimal" defaultValue={current[0] ?? ""} />
                <select name={currencyName(def.code)} aria-label={`${def.label}: ${t("deals.fields.currency")}`} defaultValue={currencyValues[0] ?? baseCurrency}>
                  {currencies.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </span>
            );
            break;
          }
          case "enumeration":
            control = select((def.settings.options ?? []).map((o) => ({ id: o.id, label: o.label })));
            break;
          case "employee":
            control = select(choices.users);
            break;
          case "file":
            control = (props) => (
              <span className="file-input">
                {current.map((id) => (
                  <label key={id} className="chip">
                    <input type="checkbox" name={name} value={id} defaultChecked aria-label={t("files.remove", { name: fileNames[id] ?? `#${id}` })} /> {fileNames[id] ?? `#${id}`}
                  </label>
                ))}
                <input {...props} type="file" name={fileInputName(def.code)} multiple={def.multiple} accept={(def.settings.extensions?.length ? def.settings.extensions : DEFAULT_EXTENSIONS).map((e) => `.${e}`).join(",")} />
              </span>
            );
            break;
          case "crm":
            control =
              def.settings.target === "deal"
                ? text("number", { min: 1, placeholder: t("fields.dealId") })
                : select(def.settings.target === "contact" ? choices.contacts : choices.companies);
            break;
        }
        return (
          <Field key={def.code} name={`cf:${def.code}`} label={label} errors={errors[`cf:${def.code}`]} wide={def.type === "address" || (def.type === "string" && !!def.settings.multiline)}>
            {(props) => (
              <>
                <input type="hidden" name={SENT} value={def.code} />
                {control(props)}
              </>
            )}
          </Field>
        );
      })}
    </>
  );
}
