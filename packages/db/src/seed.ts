import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The demo catalog `npm start` loads into an empty database: descriptor files as a company would
 * keep them, each ingested as its own source (`demo/<file>`), through the same path as the API.
 */
export function demoCatalogFiles(): { source: string; path: string }[] {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, "packages", "db", "seed", "demo"), path.join(dir, "seed", "demo")]) {
      if (existsSync(candidate)) {
        return readdirSync(candidate)
          .filter((f) => f.endsWith(".yaml"))
          .sort()
          .map((f) => ({ source: `demo/${f}`, path: path.join(candidate, f) }));
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find packages/db/seed/demo");
    dir = parent;
  }
}
