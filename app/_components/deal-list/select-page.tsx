"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/**
 * The header checkbox that ticks every row of the page. It needs JavaScript, so it renders only
 * once hydrated; without it the bulk form's "all deals on this page" choice does the same job.
 */
export function SelectPage({ label }: { label: string }) {
  const enhanced = useSyncExternalStore(noSubscription, () => true, () => false);
  if (!enhanced) return <span className="visually-hidden">{label}</span>;
  return (
    <input
      type="checkbox"
      aria-label={label}
      onChange={(event) => {
        const table = event.currentTarget.closest("table");
        table?.querySelectorAll<HTMLInputElement>('input[name="ids[]"]').forEach((box) => {
          box.checked = event.currentTarget.checked;
        });
      }}
    />
  );
}
