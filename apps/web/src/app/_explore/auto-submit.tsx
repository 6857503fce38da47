"use client";

import { useEffect, useRef } from "react";

/**
 * Submits the form it sits in whenever one of its fields changes, so a ticked facet applies at
 * once. Without JavaScript the form's own Apply button does it. `view` identifies the state the
 * server rendered: when it changes (a chip removed, back button), every box is reset to what the
 * server says, without replacing the elements (a keyboard user keeps their place).
 */
export function AutoSubmit({ view }: { view: string }) {
  const marker = useRef<HTMLSpanElement>(null);

  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    const onChange = (event: Event) => {
      // Typing in a facet's own filter box narrows the list; it is not a filter of the catalog.
      if ((event.target as HTMLElement).closest("[data-no-submit]")) return;
      form.requestSubmit();
    };
    form.addEventListener("change", onChange);
    return () => form.removeEventListener("change", onChange);
  }, []);

  useEffect(() => {
    const form = marker.current?.closest("form");
    for (const box of form?.querySelectorAll<HTMLInputElement>('input[type="checkbox"]') ?? []) box.checked = box.defaultChecked;
  }, [view]);

  return <span ref={marker} hidden />;
}
