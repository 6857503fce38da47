// Bundles server.ts (and the workspace packages it uses) into dist/server.js after `next build`;
// npm dependencies (next, pino, prom-client, zod) stay external and load from node_modules.
import { build } from "esbuild";

const external = {
  name: "external-npm-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith("@cartograph/") ? undefined : { path: args.path, external: true },
    );
  },
};

await build({
  entryPoints: { server: "server.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  plugins: [external],
  logLevel: "warning",
});
console.log("web server built: dist/server.js");
