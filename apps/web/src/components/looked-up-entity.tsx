"use client";

import { usePathname } from "next/navigation";

/**
 * not-found files receive no params, so the reference is read back from the URL
 * (`/catalog/<kind>/<namespace>/<name>[/edit]`). Rendered on the server too, so it is in the 404 HTML.
 */
export function LookedUpEntity() {
  const segments = (usePathname() ?? "").split("/").filter(Boolean).map(decode);
  // The entity page, or its edit page (`…/<name>/edit`), which shares this not-found file.
  if (segments.length === 5 && segments[4] === "edit") segments.pop();
  if (segments.length !== 4 || segments[0] !== "catalog") return null;
  const [, kind, namespace, name] = segments;
  return (
    <p>
      Cartograph has no entity <code>{`${kind}:${namespace}/${name}`}</code>.
    </p>
  );
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
