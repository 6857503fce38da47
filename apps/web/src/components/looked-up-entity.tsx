"use client";

import { usePathname } from "next/navigation";

/**
 * not-found files receive no params, so the reference is read back from the URL
 * (`/catalog/<kind>/<namespace>/<name>`). Rendered on the server too, so it is in the 404 HTML.
 */
export function LookedUpEntity() {
  const segments = (usePathname() ?? "").split("/").filter(Boolean).map(decode);
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
