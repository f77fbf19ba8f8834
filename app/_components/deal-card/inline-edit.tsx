"use client";

import { useEffect, useRef } from "react";
import { useRouter } from "next/navigation";

/**
 * One field of the card edited in place: its input takes the focus, Enter saves (the form's own
 * submit), Escape goes back to the card. Without JavaScript the form's Cancel link does that.
 */
export function InlineEdit({ cancelHref, children }: { cancelHref: string; children: React.ReactNode }) {
  const router = useRouter();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // After the form's own first client render (its pickers replace the plain selects then).
    const timer = setTimeout(() => box.current?.querySelector<HTMLElement>("input:not([type=hidden]), select, textarea")?.focus(), 0);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div
      ref={box}
      className="inline-edit"
      onKeyDown={(event) => {
        if (event.key !== "Escape") return;
        event.preventDefault();
        router.replace(cancelHref, { scroll: false });
      }}
    >
      {children}
    </div>
  );
}
