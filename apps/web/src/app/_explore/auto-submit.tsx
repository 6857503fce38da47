"use client";

import { useEffect, useRef } from "react";

/** The box last changed, so focus can return to it if the update replaced the form's elements. */
let lastChanged: { name: string; value: string } | null = null;

function restoreFocus(form: HTMLFormElement) {
  if (!lastChanged || (document.activeElement && document.activeElement !== document.body)) return;
  const { name, value } = lastChanged;
  const box = [...form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')].find((b) => b.name === name && b.value === value);
  box?.focus();
}

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
    restoreFocus(form);
    const onChange = (event: Event) => {
      const target = event.target as HTMLInputElement;
      // Typing in a facet's own filter box narrows the list; it is not a filter of the catalog.
      if (target.closest("[data-no-submit]")) return;
      lastChanged = { name: target.name, value: target.value };
      form.requestSubmit();
    };
    form.addEventListener("change", onChange);
    return () => form.removeEventListener("change", onChange);
  }, []);

  useEffect(() => {
    const form = marker.current?.closest("form");
    if (!form) return;
    for (const box of form.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')) box.checked = box.defaultChecked;
    restoreFocus(form);
    lastChanged = null; // this update is the change's answer: later ones must not move focus
  }, [view]);

  return <span ref={marker} hidden />;
}
