"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import styles from "./explore.module.css";

/** A filter box over a long facet's values (owners, tags); shown only where it works (JavaScript). */
export function FacetFilterBox({ label, children }: { label: string; children: ReactNode }) {
  const [ready, setReady] = useState(false);
  const [text, setText] = useState("");
  const [shown, setShown] = useState<number | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => setReady(true), []);

  useEffect(() => {
    const needle = text.trim().toLowerCase();
    let count = 0;
    for (const item of list.current?.querySelectorAll<HTMLElement>("[data-facet-value]") ?? []) {
      const match = !needle || (item.dataset.facetValue ?? "").toLowerCase().includes(needle);
      item.hidden = !match;
      if (match) count++;
    }
    setShown(needle ? count : null);
  }, [text]);

  return (
    <div>
      {ready && (
        <div className={styles.facetFilter} data-no-submit>
          <label htmlFor={id} className="visually-hidden">
            Filter {label} values
          </label>
          <input id={id} type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder={`Filter ${label.toLowerCase()}s`} autoComplete="off" />
          <span className="visually-hidden" role="status">
            {shown === null ? "" : `${shown} ${shown === 1 ? "value" : "values"} shown`}
          </span>
        </div>
      )}
      <div ref={list}>{children}</div>
    </div>
  );
}
