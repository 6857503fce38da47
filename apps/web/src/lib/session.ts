import "server-only";

import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { signInHref } from "./safe-next";
import { REQUEST_PATH_HEADER, SESSION_COOKIE, SITE_ORIGIN_HEADER, sessionCookie } from "./session-cookie";

/** The API session token from this request's cookie, if any. */
export async function sessionToken(): Promise<string | undefined> {
  return (await cookies()).get(SESSION_COOKIE)?.value || undefined;
}

/** Server actions and route handlers only (a render cannot set cookies). */
export async function storeSession(token: string, expiresAt: string): Promise<void> {
  const secure = (await headers()).get(SITE_ORIGIN_HEADER)?.startsWith("https:") ?? false;
  (await cookies()).set(sessionCookie(token, expiresAt, { secure, now: Date.now() }));
}

/** Server actions and route handlers only. */
export async function clearSession(): Promise<void> {
  (await cookies()).delete(SESSION_COOKIE);
}

/** The path and query of the page this request is for (set by the proxy). */
export async function currentPath(): Promise<string> {
  return (await headers()).get(REQUEST_PATH_HEADER) ?? "/";
}

/**
 * The API said 401 while serving this request: sign in, then come back. With a cookie the
 * session died (signed out elsewhere, expired, account disabled), so the detour through
 * /sign-in/expired clears it: a render cannot delete cookies, a route handler can.
 */
export async function redirectToSignIn(): Promise<never> {
  const next = await currentPath();
  if (await sessionToken()) redirect(`/sign-in/expired?${new URLSearchParams({ next })}`);
  redirect(signInHref(next));
}
