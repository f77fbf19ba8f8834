"use client";

import { useEffect, useId, useRef, useState } from "react";
import { createCompanyAction, createContactAction } from "@/lib/clients/actions";
import { initialActionState } from "@/lib/actions/state";
import type { Translate } from "@/lib/i18n/translate";

type Item = { id: number; label: string; detail?: string | null };

/**
 * Company or contacts of a deal, picked by typing (the server matches without diacritics) or
 * created on the spot. The choice travels as hidden inputs under `name`, as the plain <select>
 * it replaces when JavaScript runs.
 */
/** `mayCreate`: the viewer's role may create companies and contacts; otherwise "Create …" is not offered. */
export function ClientPicker({ kind, name, multiple, initial, label, t, mayCreate }: { kind: "company" | "contact"; name: string; multiple: boolean; initial: Item[]; label: string; t: Translate; mayCreate: boolean }) {
  const [selected, setSelected] = useState<Item[]>(initial);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<Item[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [creating, setCreating] = useState<Record<string, string> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const listId = useId();
  const seq = useRef(0);

  useEffect(() => {
    if (!open) return;
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      const response = await fetch(`/clients/search?kind=${kind}&q=${encodeURIComponent(query)}`).catch(() => null);
      const found = response?.ok ? ((await response.json()) as Item[]) : [];
      if (mine === seq.current) setHits(found);
    }, 150);
    return () => clearTimeout(timer);
  }, [kind, query, open]);

  const choose = (item: Item) => {
    setSelected((current) => (multiple ? (current.some((c) => c.id === item.id) ? current : [...current, item]) : [item]));
    setQuery("");
    setOpen(false);
  };
  const options = [...hits.filter((h) => !selected.some((s) => s.id === h.id)), ...(mayCreate && query.trim() ? [{ id: 0, label: t("clients.create", { name: query.trim() }) }] : [])];
  const startCreate = () => {
    const words = query.trim().split(/\s+/);
    setCreating(kind === "company" ? { title: query.trim(), phone: "", email: "" } : { lastName: words.length > 1 ? words.slice(0, -1).join(" ") : "", name: words[words.length - 1] ?? "", phone: "", email: "" });
    setOpen(false);
  };
  const create = async () => {
    const data = new FormData();
    for (const [k, v] of Object.entries(creating ?? {})) data.set(k, v);
    const state = await (kind === "company" ? createCompanyAction : createContactAction)(initialActionState, data);
    if (!state.ok || !state.data) {
      setError([state.message, ...Object.values(state.fieldErrors ?? {}).flat()].filter(Boolean).join(" "));
      return;
    }
    choose({ id: Number(state.data.id), label: String(state.data.label) });
    setCreating(null);
    setError(null);
  };

  return (
    <div className="client-picker">
      {selected.map((item) => (
        <span key={item.id} className="chip">
          <input type="hidden" name={name} value={item.id} />
          {/* The label comes back with a refused form, so the chip survives it. */}
          <input type="hidden" name={`clientLabel.${name}[]`} value={item.label} />
          {item.label}{" "}
          <button type="button" className="link-button" aria-label={t("clients.remove", { name: item.label })} onClick={() => setSelected((current) => current.filter((c) => c.id !== item.id))}>
            ×
          </button>
        </span>
      ))}
      <input
        type="text"
        role="combobox"
        aria-label={label}
        aria-expanded={open && options.length > 0}
        aria-controls={open && options.length > 0 ? listId : undefined}
        aria-autocomplete="list"
        placeholder={t("clients.search")}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!open || options.length === 0) return;
          if (e.key === "ArrowDown" || e.key === "ArrowUp") {
            e.preventDefault();
            setActive((i) => (i + (e.key === "ArrowDown" ? 1 : options.length - 1)) % options.length);
          } else if (e.key === "Enter") {
            e.preventDefault();
            const item = options[active]!;
            if (item.id === 0) startCreate();
            else choose(item);
          } else if (e.key === "Escape") setOpen(false);
        }}
      />
      {open && options.length > 0 && (
        <ul id={listId} role="listbox" className="mention-list" aria-label={label}>
          {options.map((item, i) => (
            <li
              key={item.id}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => {
                e.preventDefault();
                if (item.id === 0) startCreate();
                else choose(item);
              }}
            >
              {item.label} {item.detail && <span className="muted">· {item.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {open && query.trim() && hits.length === 0 && <p className="muted small">{t("clients.noMatch")}</p>}
      {creating && (
        <fieldset className="inline-create">
          <legend>{kind === "company" ? t("clients.newCompany") : t("clients.newContact")}</legend>
          {Object.keys(creating).map((key) => (
            <label key={key} className="field">
              <span>{t(`clients.${key === "title" ? "name" : (key as "name" | "lastName" | "phone" | "email")}`)}</span>
              <input value={creating[key]} type={key === "email" ? "email" : key === "phone" ? "tel" : "text"} onChange={(e) => setCreating({ ...creating, [key]: e.target.value })} />
            </label>
          ))}
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="button" className="button small primary" onClick={() => void create()}>
            {t("clients.save")}
          </button>{" "}
          <button type="button" className="button small" onClick={() => setCreating(null)}>
            {t("clients.cancel")}
          </button>
        </fieldset>
      )}
    </div>
  );
}
