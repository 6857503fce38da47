// Bundles the API (and its workspace packages) into dist/; npm dependencies stay external and
// are loaded from node_modules at run time.
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
  entryPoints: { server: "src/server.ts", cli: "src/cli.ts" },
  outdir: "dist",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  sourcemap: true,
  plugins: [external],
  logLevel: "warning",
});
console.log("api built: dist/server.js, dist/cli.js");
