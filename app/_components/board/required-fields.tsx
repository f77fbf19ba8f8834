"use client";

import { createContext, useContext } from "react";
import { dealSources, dealTypes } from "@/lib/deals/vocabulary";
import { fieldOfErrorKey, isStandardRequirable, requirableLabel, type RequirableField } from "@/lib/deals/required/rule";
import type { FieldDefinition } from "@/lib/fields/values";
import { CustomFieldInputs } from "../fields/custom-field-inputs";
import type { Translate } from "@/lib/i18n/translate";
import { currencies } from "@/lib/money/money";
import type { ClientOptions } from "./quick-add";

/** What the board's forms offer to pick from, shared by every card without passing it down each one. */
export const BoardOptions = createContext<{ clients: ClientOptions; baseCurrency: string; customFields: FieldDefinition[]; users: { id: number; name: string }[] }>({
  clients: { companies: [], contacts: [] },
  baseCurrency: "VND",
  customFields: [],
  users: [],
});


/** The fields a refused move asks for, from the refusal's field errors. */
export function missingFromErrors(fieldErrors: Record<string, string[]> | undefined): RequirableField[] {
  return Object.keys(fieldErrors ?? {})
    .map(fieldOfErrorKey)
    .filter((f): f is RequirableField => f !== null);
}

/** Inputs for exactly the fields the target stage requires; they go inside the move form. */
export function RequiredFieldInputs({ fields, errors, t, idPrefix }: { fields: RequirableField[]; errors?: Record<string, string[]>; t: Translate; idPrefix: string }) {
  const { clients, baseCurrency, customFields, users } = useContext(BoardOptions);
  const choices = {
    companyId: clients.companies.map((c) => ({ value: String(c.id), label: c.title })),
    contactIds: clients.contacts.map((c) => ({ value: String(c.id), label: c.name })),
    sourceId: dealSources.map((v) => ({ value: v, label: t(`deals.sources.${v}`) })),
    typeId: dealTypes.map((v) => ({ value: v, label: t(`deals.types.${v}`) })),
  };
  return (
    <fieldset className="required-fields">
      {fields.map((field) => {
        if (!isStandardRequirable(field)) {
          const def = customFields.find((d) => d.code === field);
          if (!def) return null;
          return (
            <CustomFieldInputs
              key={field}
              defs={[{ ...def, mandatory: true }]}
              values={{}}
              errors={errors ?? {}}
              t={t}
              baseCurrency={baseCurrency}
              choices={{ users: users.map((u) => ({ id: u.id, label: u.name })), companies: clients.companies.map((c) => ({ id: c.id, label: c.title })), contacts: clients.contacts.map((c) => ({ id: c.id, label: c.name })) }}
            />
          );
        }
        const id = `${idPrefix}-${field}`;
        const error = errors?.[field]?.join(" ");
        const common = { id, name: field, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined };
        return (
          <div key={field} className={`field${error ? " invalid" : ""}`}>
            <label htmlFor={id}>{t(requirableLabel[field])}</label>
            {field === "amount" ? (
              <span className="row">
                <input {...common} inputMode="decimal" autoComplete="off" required />
                <select name="currency" defaultValue={baseCurrency} aria-label={t("deals.fields.currency")}>
                  {currencies.map((c) => (
                    <option key={c}>{c}</option>
                  ))}
                </select>
              </span>
            ) : field in choices ? (
              <select {...common} required defaultValue="">
                <option value="" disabled>
                  —
                </option>
                {choices[field as keyof typeof choices].map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            ) : field === "probability" ? (
              <input {...common} type="number" min={0} max={100} required />
            ) : (
              <textarea {...common} rows={2} required maxLength={2000} />
            )}
            {error && (
              <p id={`${id}-error`} className="field-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
