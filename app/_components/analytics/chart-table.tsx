import type { ReactNode } from "react";
import type { Translate } from "@/lib/i18n/translate";

/** A chart's data as a table behind a toggle (closed unless `open`), scrolling sideways on its own on a phone. */
export function ChartTable({ t, open, children }: { t: Translate; open?: boolean; children: ReactNode }) {
  return (
    <details className="chart-table" open={open}>
      <summary>{t("analytics.showTable")}</summary>
      <div className="table-scroll" tabIndex={0}>
        <table>{children}</table>
      </div>
    </details>
  );
}
