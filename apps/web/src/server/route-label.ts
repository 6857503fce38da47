/**
 * The route a request path belongs to, as a metric label: the app's route pattern, never the raw
 * path, so the number of series stays small whatever visitors type. Unknown paths are `other`.
 */
const ENTITY_TABS = new Set(["architecture", "definition", "edit", "graph", "history", "yaml", "yaml/download"]);
const FIXED = new Set(["/", "/events", "/sign-in", "/sign-in/expired", "/register", "/healthz", "/livez", "/metrics", "/icon.svg", "/favicon.ico", "/robots.txt"]);
const ASSETS = ["/_next/static", "/_next/image"];
const SEGMENT = "[^/]+";
const ENTITY = new RegExp(`^/catalog/${SEGMENT}/${SEGMENT}/${SEGMENT}(?:/(.+))?$`);

export const OTHER_ROUTE = "other";

export function routeLabel(pathname: string): string {
  const path = pathname.length > 1 && pathname.endsWith("/") ? pathname.slice(0, -1) : pathname;
  if (FIXED.has(path)) return path;
  for (const prefix of ASSETS) if (path.startsWith(`${prefix}/`)) return prefix;
  const entity = ENTITY.exec(path);
  if (entity) {
    const tab = entity[1];
    if (tab === undefined) return "/catalog/[kind]/[namespace]/[name]";
    if (ENTITY_TABS.has(tab)) return `/catalog/[kind]/[namespace]/[name]/${tab}`;
  }
  return OTHER_ROUTE;
}

/** The path of a request target: `/a/b?x=1` → `/a/b`. */
export function pathOf(url: string | undefined): string {
  const target = url ?? "/";
  const end = target.search(/[?#]/);
  return end === -1 ? target : target.slice(0, end);
}
