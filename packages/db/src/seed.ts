import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The demo catalog `npm start` loads into an empty database (YAML, one descriptor per document). */
export function demoCatalogPath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, "packages", "db", "seed", "demo-catalog.yaml");
    if (existsSync(candidate)) return candidate;
    const own = path.join(dir, "seed", "demo-catalog.yaml");
    if (existsSync(own)) return own;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error("cannot find packages/db/seed/demo-catalog.yaml");
    dir = parent;
  }
}
