"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition, type ChangeEvent, type FormEvent, type KeyboardEvent } from "react";
import styles from "./explore.module.css";

const DEBOUNCE_MS = 180;

/**
 * The search box: results follow the text as it is typed (debounced), through the URL, so the
 * server renders them and the view stays shareable. Without JavaScript it is a plain GET form.
 */
export function SearchBox({ q, keep }: { q: string; keep: [string, string][] }) {
  const router = useRouter();
  const [value, setValue] = useState(q);
  const [pending, startTransition] = useTransition();
  const sent = useRef(q);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // The URL changed some other way (a chip removed, "Clear all", back button): show its text.
  useEffect(() => {
    if (q !== sent.current) {
      sent.current = q;
      setValue(q);
    }
  }, [q]);

  useEffect(() => () => clearTimeout(timer.current), []);

  function navigate(text: string) {
    clearTimeout(timer.current);
    if (text === sent.current) return;
    sent.current = text;
    // Read the address as it is now: facets or sort may have changed since this rendered.
    const params = new URLSearchParams(window.location.search);
    params.delete("cursor");
    params.delete("page");
    if (text.trim()) params.set("q", text);
    else params.delete("q");
    const search = params.toString();
    startTransition(() => router.replace(search ? `/?${search}` : "/", { scroll: false }));
  }

  function onChange(event: ChangeEvent<HTMLInputElement>) {
    const text = event.target.value;
    setValue(text);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => navigate(text), DEBOUNCE_MS);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Escape" && value) {
      event.preventDefault();
      setValue("");
      navigate("");
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    navigate(value);
  }

  return (
    <form role="search" action="/" method="get" className={styles.search} onSubmit={onSubmit} aria-label="Catalog">
      <label htmlFor="explore-q" className="visually-hidden">
        Search the catalog
      </label>
      <svg className={styles.searchIcon} viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <circle cx="8.5" cy="8.5" r="5.5" fill="none" stroke="currentColor" strokeWidth="2" />
        <path d="m13 13 4.5 4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      <input
        id="explore-q"
        type="search"
        name="q"
        value={value}
        onChange={onChange}
        onKeyDown={onKeyDown}
        placeholder="Search the catalog…"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        aria-describedby="explore-q-hint"
        className={styles.searchInput}
      />
      <span className={styles.searchPending} data-pending={pending || undefined} aria-hidden="true" />
      <span id="explore-q-hint" className="visually-hidden">
        Results update as you type. Press Escape to clear.
      </span>
      {keep.map(([name, v], i) => (
        <input key={`${name}-${i}`} type="hidden" name={name} value={v} />
      ))}
      <noscript>
        <button type="submit" className="button">
          Search
        </button>
      </noscript>
    </form>
  );
}
