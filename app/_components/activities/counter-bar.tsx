import Link from "next/link";
import { counterKinds, type CounterKind, type Counters } from "@/lib/activities/counters";
import type { Translate } from "@/lib/i18n/translate";

/**
 * The activity counters as links that filter the list (or the board) to exactly the deals counted.
 * "nav": small badges, only the counters that are not zero; "bar": every counter with its label.
 */
export function CounterBar({ counters, href, t, variant, active }: { counters: Counters; href: (kind: CounterKind) => string; t: Translate; variant: "nav" | "bar"; active?: CounterKind[] }) {
  const shown = variant === "nav" ? counterKinds.filter((k) => counters[k] > 0) : counterKinds;
  if (shown.length === 0) return null;
  return (
    <span className={`counters ${variant}`} data-testid={`counters-${variant}`} role={variant === "bar" ? "group" : undefined} aria-label={variant === "bar" ? t("counters.label") : undefined}>
      {shown.map((kind) => {
        const label = t(`counters.${kind}`);
        return (
          <Link
            key={kind}
            href={href(kind)}
            className={`counter ${kind}${counters[kind] === 0 ? " zero" : ""}`}
            // The bar shows its labels; the nav's badges show a number, named by the label too.
            aria-label={variant === "nav" ? t("counters.badge", { label, count: counters[kind] }) : undefined}
            title={label}
            aria-current={active?.includes(kind) ? "page" : undefined}
            data-counter={kind}
          >
            {variant === "bar" && <span className="counter-label">{label}</span>}
            {variant === "bar" && " "}
            <span className="counter-value">{counters[kind]}</span>
          </Link>
        );
      })}
    </span>
  );
}
