/** What every server action returns to useActionState: enough to re-render the form as it was. */
export type ActionState = {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  values?: Record<string, string | string[]>;
  /** Lines under the message, e.g. the deals a bulk action refused and why. */
  details?: string[];
  /** What the caller's script needs back (e.g. the id of what was created). */
  data?: Record<string, string | number>;
  /** Why a refusal happened ("stale": someone else saved first), so a form can offer to reload. */
  code?: string;
};

export const initialActionState: ActionState = { ok: false };

/**
 * FormData as a plain object: the listed keys, and any key ending in "[]", become arrays
 * (multi-selects, checkbox groups); React's own keys and passwords are dropped.
 */
export function formValues(formData: FormData, multiple: readonly string[] = []): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION") || key === "password") continue;
    const all = formData.getAll(key).filter((v): v is string => typeof v === "string");
    values[key] = multiple.includes(key) || key.endsWith("[]") ? all : (all[0] ?? "");
  }
  for (const key of multiple) values[key] ??= [];
  return values;
}

/** The values with NUL characters taken out: what a refused form shows back (React cannot render them either). */
export function withoutNul(values: Record<string, string | string[]>): Record<string, string | string[]> {
  const clean = (text: string) => text.replaceAll("\u0000", "");
  return Object.fromEntries(Object.entries(values).map(([key, v]) => [key, Array.isArray(v) ? v.map(clean) : clean(v)]));
}
