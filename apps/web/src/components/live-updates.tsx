"use client";

import type { ChangeEvent } from "@cartograph/contracts";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState, type ReactNode } from "react";
import styles from "./live-updates.module.css";

const OPERATIONS = new Set(["created", "updated", "deleted"]);

/** A `data:` line of the stream, checked by hand: zod is not worth its weight in every entity page. */
export function parseChangeEvent(data: string): ChangeEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  const text = (k: string) => typeof v[k] === "string";
  const textOrNull = (k: string) => typeof v[k] === "string" || v[k] === null;
  if (!text("id") || !text("ref") || !text("actor") || !text("at") || !textOrNull("etag") || !textOrNull("source") || !OPERATIONS.has(v.operation as string)) return null;
  return v as unknown as ChangeEvent;
}

/** Who made a change, for people: `account:ana@x.example` reads as `ana@x.example`. */
export function actorLabel(actor: string): string {
  const [kind, ...rest] = actor.split(":");
  const id = rest.join(":");
  if (kind === "account" && id) return id;
  if (kind === "token" && id) return `API token ${id}`;
  return actor;
}

/**
 * The newest change to any of `refs`, from the web tier's /events stream (the API's change log
 * as Server-Sent Events). EventSource reconnects by itself and resumes with Last-Event-ID.
 */
export function useChangeEvents(refs: readonly string[]): { latest: ChangeEvent | null; connected: boolean } {
  const [latest, setLatest] = useState<ChangeEvent | null>(null);
  const [connected, setConnected] = useState(false);
  const key = [...new Set(refs.map((r) => r.toLowerCase()))].sort().join(" ");

  useEffect(() => {
    if (!key) return;
    const wanted = new Set(key.split(" "));
    const params = new URLSearchParams();
    for (const ref of wanted) params.append("ref", ref);
    const source = new EventSource(`/events?${params}`);
    const onChange = (message: MessageEvent<string>) => {
      const change = parseChangeEvent(message.data);
      if (change && wanted.has(change.ref.toLowerCase())) setLatest(change);
    };
    // `live`: from now on no change can be missed (the web tier says so once the API is subscribed).
    const onLive = () => setConnected(true);
    const onError = () => setConnected(false);
    source.addEventListener("change", onChange);
    source.addEventListener("live", onLive);
    source.addEventListener("error", onError);
    return () => {
      source.removeEventListener("change", onChange);
      source.removeEventListener("live", onLive);
      source.removeEventListener("error", onError);
      source.close();
      setConnected(false);
    };
  }, [key]);

  return { latest, connected };
}

/**
 * Tells an open entity page that what it shows changed, and offers to refresh. Quiet for the
 * visitor's own saves: after the refresh the page's etag is the change's. The edit page warns
 * in its own words (it must not reload the editor under the visitor's hands).
 */
export function LiveUpdates({ refs, etag }: { refs: string[]; etag?: string | null }) {
  const pathname = usePathname();
  const editing = pathname.endsWith("/edit");
  const { latest: change, connected } = useChangeEvents(editing ? [] : refs);
  const router = useRouter();

  let banner: ReactNode = null;
  if (change?.operation === "deleted") {
    banner = (
      <>
        <p>This entity was deleted by {actorLabel(change.actor)} just now.</p>
        <Link href="/">Go to Explore</Link>
      </>
    );
  } else if (change && change.etag !== (etag ?? null)) {
    banner = (
      <>
        <p>This entity was changed by {actorLabel(change.actor)} just now.</p>
        <button type="button" className="button" onClick={() => router.refresh()}>
          Refresh
        </button>
      </>
    );
  }

  // The live region stays in the page, so screen readers announce what appears in it.
  return (
    <div aria-live="polite" aria-atomic="true" className={banner ? styles.banner : undefined} data-testid="live-updates" data-live={connected ? "open" : "closed"} data-etag={etag ?? undefined}>
      {banner}
    </div>
  );
}
