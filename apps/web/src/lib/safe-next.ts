/**
 * Where to send someone after signing in: only a path on this site. Absolute URLs,
 * protocol-relative `//evil.example`, backslash tricks (`/\evil.example`, which browsers read as
 * `//`) and control characters are refused; the caller falls back to the catalog.
 */
export function safeNextPath(value: string | null | undefined): string | null {
  if (typeof value !== "string" || value.length === 0 || value.length > 2048) return null;
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return null;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  const base = "http://cartograph.invalid";
  if (!URL.canParse(value, base)) return null;
  const url = new URL(value, base);
  if (url.origin !== base) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** `/sign-in?next=…` for a path (dropped when it is not safe or is the catalog root). */
export function signInHref(next: string | null | undefined, reason?: string): string {
  const params = new URLSearchParams();
  const safe = safeNextPath(next);
  // Back to the sign-in page itself would be a loop; the catalog is the default anyway.
  if (safe && safe !== "/" && !/^\/sign-in(?:[/?#]|$)/.test(safe)) params.set("next", safe);
  if (reason) params.set("reason", reason);
  return params.size > 0 ? `/sign-in?${params}` : "/sign-in";
}
