"use client";

/**
 * Tells an open page about catalog changes to what it shows (Server-Sent Events from the API's
 * change log, proxied by the web tier), and offers to refresh. Placeholder until the live stream lands.
 */
export function LiveUpdates(_props: { refs: string[]; etag?: string | null }) {
  return null;
}
