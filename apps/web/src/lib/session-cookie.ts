/**
 * The cookie that carries the API session token. httpOnly: no script ever reads it; SameSite=Lax:
 * not sent on cross-site posts (the origin check in proxy.ts refuses those anyway); Secure when
 * the browser reached us over HTTPS. It lives as long as the session may (the API also ends
 * idle sessions earlier; a dead token is answered with 401 and the cookie cleared).
 */
export const SESSION_COOKIE = "cartograph_session";

/** The browser-facing origin the proxy computed for this request (see origin.ts). */
export const SITE_ORIGIN_HEADER = "x-cartograph-origin";
/** The path and query the browser asked for, so a 401 deep in a render can come back here. */
export const REQUEST_PATH_HEADER = "x-cartograph-path";

export interface SessionCookie {
  name: string;
  value: string;
  httpOnly: true;
  sameSite: "lax";
  path: "/";
  secure: boolean;
  maxAge?: number;
}

export function sessionCookie(token: string, expiresAt: string, options: { secure: boolean; now: number }): SessionCookie {
  const expires = Date.parse(expiresAt);
  return {
    name: SESSION_COOKIE,
    value: token,
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: options.secure,
    // Without a readable expiry it stays a browser-session cookie; the API still ends the session.
    ...(Number.isFinite(expires) ? { maxAge: Math.max(0, Math.floor((expires - options.now) / 1000)) } : {}),
  };
}
