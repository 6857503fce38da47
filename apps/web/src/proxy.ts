import { NextResponse, type NextRequest } from "next/server";
import { getEnv } from "./env";
import { checkOrigin, siteOrigin } from "./lib/origin";
import { isValidRequestId, REQUEST_ID_HEADER } from "./lib/request-id";
import { signInHref } from "./lib/safe-next";
import { contentSecurityPolicy, newNonce, securityHeaders } from "./lib/security-headers";
import { REQUEST_PATH_HEADER, SESSION_COOKIE, SITE_ORIGIN_HEADER } from "./lib/session-cookie";

/** Reachable without a session: the sign-in page, health checks and files the browser fetches on its own. */
const PUBLIC_PATH = /^\/(?:sign-in(?:\/.*)?|healthz|icon\.svg|favicon\.ico|robots\.txt)$/;

/**
 * Runs before every route (server actions included: they are POSTs to the page's route):
 * - refuses a state-changing request that does not come from this site (CSRF), whatever route;
 * - sends anonymous visitors to sign in first, unless the catalog is readable anonymously;
 * - gives the request an id, echoed to the client and forwarded to the API;
 * - sets a per-response nonce Content-Security-Policy (Next.js reads the nonce from the request's
 *   copy of the header and puts it on its scripts) and the other security headers.
 */
export function proxy(request: NextRequest): NextResponse {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = isValidRequestId(incoming) ? incoming : crypto.randomUUID();
  const site = siteOrigin(request.headers, request.nextUrl);
  const https = site?.startsWith("https:") ?? false;
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === "development", https });

  const finish = (response: NextResponse) => {
    response.headers.set(REQUEST_ID_HEADER, requestId);
    response.headers.set("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(securityHeaders({ https }))) response.headers.set(name, value);
    return response;
  };

  const origin = checkOrigin({ method: request.method, origin: request.headers.get("origin"), referer: request.headers.get("referer"), site });
  if (!origin.allowed) {
    return finish(
      new NextResponse(`Refused: a ${request.method} request must come from this site (${origin.reason}).\n`, {
        status: 403,
        headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" },
      }),
    );
  }

  const path = pathAndQuery(request.nextUrl);
  if (needsSignIn(request)) {
    const target = request.nextUrl.clone();
    const href = new URL(signInHref(path), target);
    target.pathname = href.pathname;
    target.search = href.search;
    return finish(NextResponse.redirect(target));
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set(REQUEST_PATH_HEADER, path);
  // Never trust a client's copy of our own internal header.
  if (site) requestHeaders.set(SITE_ORIGIN_HEADER, site);
  else requestHeaders.delete(SITE_ORIGIN_HEADER);
  return finish(NextResponse.next({ request: { headers: requestHeaders } }));
}

/** Page loads only: a server action without a cookie answers for itself (sign-in, sign-out). */
function needsSignIn(request: NextRequest): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (PUBLIC_PATH.test(request.nextUrl.pathname)) return false;
  if (request.cookies.has(SESSION_COOKIE)) return false;
  return !getEnv().ANONYMOUS_READ;
}

/** What to come back to after signing in, without Next's internal `_rsc` cache-buster. */
function pathAndQuery(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  return params.size > 0 ? `${url.pathname}?${params}` : url.pathname;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
