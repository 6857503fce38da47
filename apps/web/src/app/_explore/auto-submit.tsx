"use client";

import { useEffect, useRef } from "react";

/**
 * Submits the form it sits in whenever one of its fields changes, so a ticked facet applies at
 * once. Without JavaScript the form's own Apply button does it.
 */
export function AutoSubmit() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    form.dataset.autoSubmit = "true";
    const onChange = (event: Event) => {
      // Typing in a facet's own filter box narrows the list; it is not a filter of the catalog.
      if ((event.target as HTMLElement).closest("[data-no-submit]")) return;
      form.requestSubmit();
    };
    form.addEventListener("change", onChange);
    return () => form.removeEventListener("change", onChange);
  }, []);
  return <span ref={marker} hidden />;
}
