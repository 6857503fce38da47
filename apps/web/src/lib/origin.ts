/**
 * The site's own origin as the browser sees it, and the cross-site request check built on it.
 * Pure functions over headers, so the proxy and the tests share them. Forwarded headers are
 * trusted: behind a load balancer they are the only way to know the browser's scheme and host,
 * and a browser cannot set them on a cross-site form post or a simple fetch.
 */

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
// Host names, IPv4, bracketed IPv6, optional port: nothing that could smuggle a path or userinfo.
const HOST = /^(?:[a-z0-9.-]+|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const firstValue = (value: string | null | undefined) => value?.split(",")[0]?.trim() || undefined;

/** `scheme://host[:port]` from x-forwarded-proto / x-forwarded-host, else Host and the URL; null when unusable. */
export function siteOrigin(headers: Headers, url: URL): string | null {
  const forwardedProto = firstValue(headers.get("x-forwarded-proto"))?.toLowerCase();
  const proto = forwardedProto === "http" || forwardedProto === "https" ? forwardedProto : url.protocol.replace(/:$/, "");
  const host = firstValue(headers.get("x-forwarded-host")) ?? firstValue(headers.get("host")) ?? url.host;
  if (!host || !HOST.test(host) || (proto !== "http" && proto !== "https")) return null;
  return originOf(`${proto}://${host}`);
}

/** The serialised origin of a URL (default ports dropped, host lower-cased), or null. */
function originOf(value: string | null | undefined): string | null {
  if (!value || !URL.canParse(value)) return null;
  const { origin, protocol } = new URL(value);
  return protocol === "http:" || protocol === "https:" ? origin : null;
}

export type OriginDecision = { allowed: true } | { allowed: false; reason: string };

/**
 * A state-changing request (any method but GET, HEAD, OPTIONS) must come from the site itself:
 * its Origin must be the site's origin; without an Origin (or with `null`, as from a sandboxed
 * frame or a privacy redirect) the Referer's origin must be. Anything else is refused.
 */
export function checkOrigin(request: { method: string; origin: string | null; referer: string | null; site: string | null }): OriginDecision {
  if (SAFE_METHODS.has(request.method.toUpperCase())) return { allowed: true };
  if (!request.site) return { allowed: false, reason: "the site's own origin could not be determined from the request" };
  if (request.origin && request.origin !== "null") {
    return originOf(request.origin) === request.site
      ? { allowed: true }
      : { allowed: false, reason: `the request comes from ${request.origin}, not from ${request.site}` };
  }
  const refererOrigin = originOf(request.referer);
  if (refererOrigin === request.site) return { allowed: true };
  return {
    allowed: false,
    reason: refererOrigin ? `the request comes from ${refererOrigin}, not from ${request.site}` : "the request names no Origin or Referer of this site",
  };
}
