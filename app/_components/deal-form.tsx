"use client";

import { useActionState, useSyncExternalStore } from "react";
import { useFormStatus } from "react-dom";
import Link from "next/link";
import { initialActionState, type ActionState } from "@/lib/actions/state";
import { dealSources, dealTypes, TITLE_MAX } from "@/lib/deals/vocabulary";
import { translator, type Locale } from "@/lib/i18n/translate";
import { currencies } from "@/lib/money/money";
import type { DealFormOptions } from "@/lib/org/queries";
import { Field } from "./field";
import { StageOptions } from "./options";
import { CustomFieldInputs } from "./fields/custom-field-inputs";
import { ClientPicker } from "./client-picker";

const noSubscription = () => () => undefined;

/** A field the section being edited does not show: its current value travels unchanged. */
function Keep({ name, values }: { name: string; values: Record<string, string | string[]> }) {
  const value = values[name];
  if (value === undefined) return null;
  return (Array.isArray(value) ? value : [value]).map((v, i) => <input key={i} type="hidden" name={name} value={v} />);
}
import type { FieldDefinition } from "@/lib/fields/values";
import { contactName } from "@/lib/clients/contact-name";

type Values = Record<string, string | string[]>;

function SubmitButton({ label }: { label: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" className="button primary" disabled={pending} aria-disabled={pending}>
      {label}
    </button>
  );
}

type Props = {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  locale: Locale;
  options: DealFormOptions;
  initial: Values;
  cancelHref: string;
  /** The org's custom fields, shown in their own section. */
  customFields?: FieldDefinition[];
  /** Names of the files the deal's file fields hold, by id. */
  fileNames?: Record<string, string>;
  /** Edit one section of the card: only these form fields (and custom codes) are shown; the rest travel unchanged. */
  only?: string[];
  /** Where "reload the current values" goes after someone else saved first. */
  reloadHref?: string;
  /** The viewer's role may create companies and contacts from the pickers. */
  mayAddClients: boolean;
};

/**
 * The deal form for create and edit; a plain form that server actions enhance. What a refused
 * save sent back belongs to the deal (and section) it was sent for: Next.js keeps this component
 * across /deals/1/edit → /deals/2/edit, so another deal or section gets a fresh form.
 */
export function DealForm(props: Props) {
  const { initial, only } = props;
  const record = [initial.id ?? "new", initial.copyFrom ?? "", only?.join(",") ?? "*"].join(":");
  return <DealFormFor key={record} {...props} />;
}

function DealFormFor({ action, locale, options, initial, cancelHref, customFields = [], fileNames = {}, only, reloadHref, mayAddClients }: Props) {
  const [state, formAction] = useActionState(action, initialActionState);
  // True once hydrated: the pickers need JavaScript; the server (and a browser without it) renders the selects.
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  const t = translator(locale);
  const values: Values = state.values ?? initial;
  const str = (key: string) => {
    const v = values[key];
    return typeof v === "string" ? v : "";
  };
  const list = (key: string) => {
    const v = values[key];
    return Array.isArray(v) ? v : v ? [v] : [];
  };
  const errors = state.fieldErrors ?? {};
  const show = (name: string) => !only || only.includes(name);
  const shownCustom = only ? customFields.filter((d) => only.includes(d.code)) : customFields;
  /** The picked clients with their labels: from the form the server sent back, else from the options. */
  const chosen = (name: string, known: { id: number; label: string }[]) => {
    const ids = list(name).filter(Boolean);
    const labels = list(`clientLabel.${name}[]`);
    return ids.map((id, i) => ({ id: Number(id), label: labels[i] ?? known.find((k) => String(k.id) === id)?.label ?? `#${id}` }));
  };
  // Re-mount the fields when the server answers, so they show the values it returned.
  const formKey = JSON.stringify(values);

  return (
    <form action={formAction} className="form deal-form" noValidate>
      {state.message && (
        <p className={`alert ${state.ok ? "success" : "error"}`} role="alert">
          {state.message}
          {state.code === "stale" && reloadHref && (
            <>
              {" "}
              <a href={reloadHref}>{t("deals.reloadCurrent")}</a>
            </>
          )}
        </p>
      )}
      <fieldset key={formKey} className="sections">
        {values.id !== undefined && <input type="hidden" name="id" value={str("id")} />}
        {values.version !== undefined && <input type="hidden" name="version" value={str("version")} />}
        {/* A copy brings the product rows of the deal it copies. */}
        {values.copyFrom !== undefined && <input type="hidden" name="copyFrom" value={str("copyFrom")} />}
        <section className="card-section">
          {!only && <h2>{t("deals.aboutDeal")}</h2>}
          <div className="grid">
            {show("title") ? (
            <Field name="title" label={t("deals.fields.title")} errors={errors.title} wide>
              {(p) => <input {...p} defaultValue={str("title")} maxLength={TITLE_MAX} placeholder={t("deals.fields.titlePlaceholder")} />}
            </Field>
            ) : (
              <Keep name="title" values={values} />
            )}
            {show("stageId") ? (
            <Field name="stageId" label={`${t("deals.fields.pipeline")} / ${t("deals.fields.stage")}`} errors={errors.stageId}>
              {(p) => (
                <select {...p} defaultValue={str("stageId")} required>
                  <StageOptions pipelines={options.pipelines} qualified />
                </select>
              )}
            </Field>
            ) : (
              <Keep name="stageId" values={values} />
            )}
            {/* An amount the viewer's role hides is not in the form at all; the server keeps it. */}
            {values.amount !== undefined &&
              (show("amount") ? (
              <Field name="amount" label={t("deals.fields.amount")} errors={errors.amount}>
                {(p) => <input {...p} defaultValue={str("amount")} inputMode="decimal" autoComplete="off" />}
              </Field>
              ) : (
                <Keep name="amount" values={values} />
              ))}
            {values.amount !== undefined ? (
              show("currency") ? (
              <Field name="currency" label={t("deals.fields.currency")} errors={errors.currency}>
                {(p) => (
                  <select {...p} defaultValue={str("currency") || "VND"}>
                    {currencies.map((c) => (
                      <option key={c}>{c}</option>
                    ))}
                  </select>
                )}
              </Field>
              ) : (
                <Keep name="currency" values={values} />
              )
            ) : (
              <input type="hidden" name="currency" value={str("currency")} />
            )}
            {show("assignedById") ? (
            <Field name="assignedById" label={t("deals.fields.responsible")} errors={errors.assignedById}>
              {(p) => (
                <select {...p} defaultValue={str("assignedById")}>
                  {options.users.map((u) => (
                    <option key={u.id} value={u.id}>
                      {u.active ? u.name : `${u.name} (${t("deals.inactiveUser")})`}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            ) : (
              <Keep name="assignedById" values={values} />
            )}
            {show("companyId") ? (
            <Field name="companyId" label={t("deals.fields.company")} errors={errors.companyId}>
              {(p) =>
                enhanced ? (
                  <ClientPicker kind="company" name="companyId" multiple={false} mayCreate={mayAddClients} label={t("deals.fields.company")} t={t} initial={chosen("companyId", options.companies.map((c) => ({ id: c.id, label: c.title })))} />
                ) : (
                  <select {...p} defaultValue={str("companyId")}>
                    <option value="">{t("common.none")}</option>
                    {options.companies.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.title}
                      </option>
                    ))}
                  </select>
                )
              }
            </Field>
            ) : (
              <Keep name="companyId" values={values} />
            )}
            {show("contactIds") ? (
            <Field name="contactIds" label={t("deals.fields.contacts")} errors={errors.contactIds}>
              {(p) =>
                enhanced ? (
                  <ClientPicker
                    mayCreate={mayAddClients}
                    kind="contact"
                    name="contactIds"
                    multiple
                    label={t("deals.fields.contacts")}
                    t={t}
                    initial={chosen("contactIds", options.contacts.map((c) => ({ id: c.id, label: contactName(c) })))}
                  />
                ) : (
                  <select {...p} multiple size={5} defaultValue={list("contactIds")}>
                    {options.contacts.map((c) => (
                      <option key={c.id} value={c.id}>
                        {contactName(c)}
                      </option>
                    ))}
                  </select>
                )
              }
            </Field>
            ) : (
              <Keep name="contactIds" values={values} />
            )}
            {show("beginDate") ? (
            <Field name="beginDate" label={t("deals.fields.beginDate")} errors={errors.beginDate}>
              {(p) => <input {...p} type="date" defaultValue={str("beginDate")} />}
            </Field>
            ) : (
              <Keep name="beginDate" values={values} />
            )}
            {show("closeDate") ? (
            <Field name="closeDate" label={t("deals.fields.closeDate")} errors={errors.closeDate}>
              {(p) => <input {...p} type="date" defaultValue={str("closeDate")} />}
            </Field>
            ) : (
              <Keep name="closeDate" values={values} />
            )}
            {show("probability") ? (
            <Field name="probability" label={t("deals.fields.probability")} errors={errors.probability}>
              {(p) => <input {...p} type="number" min={0} max={100} step={1} defaultValue={str("probability")} />}
            </Field>
            ) : (
              <Keep name="probability" values={values} />
            )}
            {show("opened") ? (
              <div className="field checkbox">
                <label>
                  <input type="checkbox" name="opened" defaultChecked={str("opened") === "on"} /> {t("deals.fields.opened")}
                </label>
              </div>
            ) : (
              <Keep name="opened" values={values} />
            )}
          </div>
        </section>
        <section className="card-section">
          {!only && <h2>{t("deals.more")}</h2>}
          <div className="grid">
            {show("sourceId") ? (
            <Field name="sourceId" label={t("deals.fields.source")} errors={errors.sourceId}>
              {(p) => (
                <select {...p} defaultValue={str("sourceId")}>
                  <option value="">{t("common.none")}</option>
                  {dealSources.map((s) => (
                    <option key={s} value={s}>
                      {t(`deals.sources.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            ) : (
              <Keep name="sourceId" values={values} />
            )}
            {show("typeId") ? (
            <Field name="typeId" label={t("deals.fields.type")} errors={errors.typeId}>
              {(p) => (
                <select {...p} defaultValue={str("typeId")}>
                  <option value="">{t("common.none")}</option>
                  {dealTypes.map((s) => (
                    <option key={s} value={s}>
                      {t(`deals.types.${s}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            ) : (
              <Keep name="typeId" values={values} />
            )}
            {show("sourceDescription") ? (
            <Field name="sourceDescription" label={t("deals.fields.sourceDescription")} errors={errors.sourceDescription} wide>
              {(p) => <input {...p} defaultValue={str("sourceDescription")} />}
            </Field>
            ) : (
              <Keep name="sourceDescription" values={values} />
            )}
            {show("comments") ? (
            <Field name="comments" label={t("deals.fields.comments")} errors={errors.comments} wide>
              {(p) => <textarea {...p} rows={4} defaultValue={str("comments")} />}
            </Field>
            ) : (
              <Keep name="comments" values={values} />
            )}
          </div>
        </section>
        {shownCustom.length > 0 && (
          <section className="card-section" data-testid="custom-fields-section">
            <h2>{t("fields.section")}</h2>
            <div className="grid">
              <CustomFieldInputs
                defs={shownCustom}
                values={values}
                errors={errors}
                fileNames={fileNames}
                t={t}
                choices={{
                  users: options.users.filter((u) => u.active).map((u) => ({ id: u.id, label: u.name })),
                  companies: options.companies.map((c) => ({ id: c.id, label: c.title })),
                  contacts: options.contacts.map((c) => ({ id: c.id, label: contactName(c) })),
                }}
              />
            </div>
          </section>
        )}
      </fieldset>
      <div className="form-actions">
        <SubmitButton label={t("common.save")} />
        <Link href={cancelHref} className="button">
          {t("common.cancel")}
        </Link>
      </div>
    </form>
  );
}
