"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

/** Sub-pages of an entity; the reference is read back from the URL (not-found files get no params). */
const SUBPAGES = new Set(["edit", "graph", "architecture", "definition", "yaml", "history"]);

function lookedUp(pathname: string): string | null {
  const segments = pathname.split("/").filter(Boolean).map(decode);
  if (segments.length === 5 && SUBPAGES.has(segments[4]!)) segments.pop();
  if (segments.length !== 4 || segments[0] !== "catalog") return null;
  const [, kind, namespace, name] = segments;
  return `${kind}:${namespace}/${name}`;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Rendered on the server too, so the reference is in the 404 HTML. */
export function EntityNotFound() {
  const ref = lookedUp(usePathname() ?? "");
  return (
    <div className="panel">
      <h1>Entity not found</h1>
      {ref && (
        <p>
          Cartograph has no entity <code>{ref}</code>.
        </p>
      )}
      <p>It may have been removed or renamed, or the link has a typo. Names are matched without regard to case.</p>
      <p>
        <Link href="/">Back to the catalog</Link>
      </p>
    </div>
  );
}
