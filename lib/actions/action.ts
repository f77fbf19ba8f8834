import "server-only";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { z } from "zod";
import { getDb, type Db } from "@/db/client";
import { requireViewer, type ViewerWithOrg } from "@/lib/auth/viewer";
import { getI18n } from "@/lib/i18n/server";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/translate";
import { ActionError } from "./errors";
import { formValues, withoutNul, type ActionState } from "./state";

/**
 * `formData` gives access to uploaded files, which the zod schema (strings only) does not see.
 * `onFailure` registers the undoing of what the transaction cannot roll back (bytes written to
 * the file storage): it runs when the action is refused or fails, never when it succeeds.
 */
export type ActionContext = { viewer: ViewerWithOrg; db: Db; t: Translate; locale: Locale; formData: FormData; onFailure: (undo: () => Promise<void>) => void };
/** A public action's context: no viewer (see definePublicAction). */
export type PublicActionContext = Omit<ActionContext, "viewer">;

export type ActionOutcome = {
  /** Shown to the user when the action stays on the page. */
  message?: MessageKey;
  /** Where to go after the transaction commits. */
  redirectTo?: string;
  /** Pages whose data changed. */
  revalidate?: string[];
  /** Variables of the message, and lines shown under it. */
  vars?: Record<string, string | number>;
  details?: string[];
  /** What the caller's script needs back (e.g. the id of what was created). */
  data?: Record<string, string | number>;
};

type Definition<S extends z.ZodType, C = ActionContext> = {
  /** Built per request, so messages and number formats follow the user's language. */
  schema: (i18n: { t: Translate; locale: Locale }) => S;
  /** Form keys that carry several values (multi-selects, checkbox groups). */
  multiple?: readonly string[];
  /** Runs inside one transaction; checks permission through lib/permissions and throws ActionError to refuse. */
  run: (input: z.infer<S>, context: C) => Promise<ActionOutcome>;
};

async function undoAll(undos: (() => Promise<void>)[]): Promise<void> {
  for (const undo of undos.reverse()) await undo().catch((error: unknown) => console.error("[action] undo failed", error));
}

/**
 * The one server-action wrapper: session → zod → (permission, body) in a transaction → revalidate.
 * Returns a typed state for useActionState; a refused or invalid submit keeps the user's input.
 */
export function defineAction<S extends z.ZodType>(definition: Definition<S>) {
  return async function action(_previous: ActionState, formData: FormData): Promise<ActionState> {
    const viewer = await requireViewer();
    return perform(definition, formData, (base) => ({ ...base, viewer }));
  };
}

/**
 * The same wrapper for the few forms a stranger may post (a public web form): no session, and
 * so no viewer; everything else (NUL refusal, zod in the visitor's language, one transaction,
 * typed refusals that keep the input, database errors never shown) is the same. The action
 * decides what the visitor may do (a secret it was given, a rate limit) and whom it acts as.
 */
export function definePublicAction<S extends z.ZodType>(definition: Definition<S, PublicActionContext>) {
  return async function publicAction(_previous: ActionState, formData: FormData): Promise<ActionState> {
    return perform(definition, formData, (base) => base);
  };
}

async function perform<S extends z.ZodType, C>(definition: Definition<S, C>, formData: FormData, contextOf: (base: PublicActionContext) => C): Promise<ActionState> {
  const { t, locale } = await getI18n();
  const values = formValues(formData, definition.multiple);
  // PostgreSQL text cannot hold a NUL character: refused here, by the field, before any schema or query sees it.
  const withNul = Object.entries(values).filter(([, v]) => (Array.isArray(v) ? v : [v]).some((text) => text.includes("\u0000")));
  if (withNul.length) {
    return { ok: false, message: t("errors.invalid"), fieldErrors: Object.fromEntries(withNul.map(([key]) => [key.replace(/\[\]$/, ""), [t("errors.nulCharacter")]])), values: withoutNul(values) };
  }
  const parsed = definition.schema({ t, locale }).safeParse(values);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "_form");
      (fieldErrors[key] ??= []).push(issue.message);
    }
    return { ok: false, message: t("errors.invalid"), fieldErrors, values };
  }
  let outcome: ActionOutcome;
  const undos: (() => Promise<void>)[] = [];
  try {
    const db = await getDb();
    const onFailure = (undo: () => Promise<void>) => void undos.push(undo);
    outcome = await db.transaction((tx) => definition.run(parsed.data, contextOf({ db: tx as unknown as Db, t, locale, formData, onFailure })));
  } catch (error) {
    await undoAll(undos);
    if (error instanceof ActionError) {
      const translated = error.fieldErrors ? Object.fromEntries(Object.entries(error.fieldErrors).map(([field, key]) => [field, [t(key, error.vars)]])) : undefined;
      const fieldErrors = translated || error.fieldMessages ? { ...translated, ...error.fieldMessages } : undefined;
      return { ok: false, message: t(error.messageKey, error.vars), fieldErrors, values, code: error.code };
    }
    console.error("[action] failed", error);
    return { ok: false, message: t("errors.unexpected"), values };
  }
  for (const path of outcome.revalidate ?? []) revalidatePath(path);
  if (outcome.redirectTo) redirect(outcome.redirectTo);
  return { ok: true, message: outcome.message ? t(outcome.message, outcome.vars) : undefined, details: outcome.details, data: outcome.data };
}
