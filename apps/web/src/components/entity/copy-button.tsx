"use client";

import { useEffect, useState } from "react";

/** Copies `text` to the clipboard and says so in a live region (announced, not only shown). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 4000);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <>
      <button type="button" className="button" onClick={copy}>
        {label}
      </button>
      <span role="status" aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy: select the text and copy it yourself" : ""}
      </span>
    </>
  );
}
