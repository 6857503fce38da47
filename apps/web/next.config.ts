import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

// The monorepo root: Turbopack must see packages/contracts (TypeScript source) and the hoisted
// node_modules, and file tracing must agree with it or Next warns about two roots.
const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

const nextConfig: NextConfig = {
  transpilePackages: ["@cartograph/contracts"],
  poweredByHeader: false,
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
};

export default nextConfig;
