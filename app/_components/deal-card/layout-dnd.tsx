"use client";

import { useEffect, useRef } from "react";
import Sortable from "sortablejs";

/**
 * Drag-and-drop for the layout editor: fields move between sections, sections into order. A drop
 * only rewrites the form's own inputs (each field's section and order numbers, each section's
 * order), so saving works the same with or without it.
 */
export function LayoutDragAndDrop({ children }: { children: React.ReactNode }) {
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const renumber = () => {
      element.querySelectorAll<HTMLElement>("[data-fields]").forEach((list) => {
        const group = list.dataset.fields!;
        list.querySelectorAll<HTMLElement>(":scope > [data-field]").forEach((item, i) => {
          const select = item.querySelector<HTMLSelectElement>("[data-section-select]");
          const order = item.querySelector<HTMLInputElement>("[data-order]");
          if (select) select.value = group;
          if (order) order.value = String(i * 10);
        });
      });
      element.querySelectorAll<HTMLElement>("[data-sections] > [data-section]").forEach((section, i) => {
        const order = section.querySelector<HTMLInputElement>("legend [data-order]");
        if (order) order.value = String(i * 10);
      });
    };
    const instances = [
      ...[...element.querySelectorAll<HTMLElement>("[data-fields]")].map((list) =>
        Sortable.create(list, { group: "layout-fields", handle: ".drag-handle", animation: 120, forceFallback: true, onEnd: renumber }),
      ),
      ...[...element.querySelectorAll<HTMLElement>("[data-sections]")].map((list) =>
        Sortable.create(list, { draggable: "[data-section]", handle: "legend", filter: "input, label", preventOnFilter: false, animation: 120, forceFallback: true, onEnd: renumber }),
      ),
    ];
    return () => instances.forEach((s) => s.destroy());
  }, []);
  return <div ref={root}>{children}</div>;
}
