// The deployment files cannot be tried here (no Docker engine, no cluster), so this test holds
// them to what must be true of them: every setting they give is one the tier reads and accepts,
// every probe and health check asks a route the tier serves, and each tier stands and scales on
// its own (docs/operations.md).
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { createDb } from "@cartograph/db";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { createApp } from "../apps/api/src/app.ts";
import { EnvSchema as ApiEnvSchema } from "../apps/api/src/env.ts";
import { createLogger } from "../apps/api/src/http/logging.ts";
import { EnvSchema as WebEnvSchema } from "../apps/web/src/env.ts";
import {
  composeEnv,
  containerEnv,
  envOf,
  exists,
  finalChain,
  haproxyBackends,
  type K8sObject,
  parseDockerfile,
  parseEnvFile,
  parseYaml,
  podSpecOf,
  quotedPaths,
  read,
  readManifests,
  resolvePort,
  ROOT,
  selects,
  yamlFilesUnder,
} from "./deploy-files.ts";

type Tier = "api" | "web";
const TIERS: Record<Tier, {
  schema: z.ZodObject;
  /** Read by the runtime, not by our config: the only names allowed beside the schema's. */
  runtimeEnv: string[];
  image: string;
  dockerfile: string;
  cmd: string[];
  port: number;
  startupPath: string;
}> = {
  api: { schema: ApiEnvSchema, runtimeEnv: [], image: "cartograph-api", dockerfile: "deploy/docker/api.Dockerfile", cmd: ["node", "apps/api/dist/server.js"], port: 4000, startupPath: "/readyz" },
  web: {
    schema: WebEnvSchema,
    // NODE_ENV=production selects Next's production server; NEXT_TELEMETRY_DISABLED keeps Next from phoning home.
    runtimeEnv: ["NODE_ENV", "NEXT_TELEMETRY_DISABLED"],
    image: "cartograph-web",
    dockerfile: "deploy/docker/web.Dockerfile",
    cmd: ["node", "dist/server.js"],
    port: 3000,
    startupPath: "/healthz",
  },
};
const TIER_NAMES = Object.keys(TIERS) as Tier[];
const LIVENESS_PATH = "/livez";
/** PostgreSQL's default max_connections less its 3 superuser-reserved ones and one for the migration run. */
const CONNECTION_BUDGET = 100 - 3 - 1;

// --- which routes each tier really serves -------------------------------------------------------

// The API answers from its real app; the database is a real client pointed at a closed port, so
// /readyz answers 503 instead of failing the test (only a 404 means "no such route").
const apiDb = createDb({ connectionString: "postgresql://nobody:nothing@127.0.0.1:1/none", connectionTimeoutMs: 500 });
const apiApp = createApp({ config: { CARTOGRAPH_ADMIN_TOKEN: undefined }, db: apiDb, logger: createLogger("silent"), migrationFiles: [] });
afterAll(() => apiDb.close());

const webSources = (dir = "apps/web/src"): string[] =>
  readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? webSources(`${dir}/${e.name}`) : /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [`${dir}/${e.name}`] : [],
  );

const served: Record<Tier, (route: string) => Promise<boolean>> = {
  api: async (route) => (await request(apiApp).get(route)).status !== 404,
  // The web: an App Router route handler with a GET, or a path the custom server answers itself.
  web: async (route) => {
    const handler = `apps/web/src/app${route}/route.ts`;
    if (existsSync(path.join(ROOT, handler)) && /export (async )?function GET\b/.test(read(handler))) return true;
    return webSources().some((f) => read(f).includes(`"${route}"`));
  },
};

async function expectServed(tier: Tier, route: string, where: string) {
  if (await served[tier](route)) return;
  expect.fail(`${where} asks the ${tier} tier for ${route}, which it does not serve`);
}

// --- settings -------------------------------------------------------------------------------------

/** Every name is a setting of the tier (or on its runtime list), and the whole set parses. */
function expectValidEnv(tier: Tier, env: Record<string, string>, where: string) {
  const { schema, runtimeEnv } = TIERS[tier];
  const unknown = Object.keys(env).filter((k) => !(k in schema.shape) && !runtimeEnv.includes(k));
  expect(unknown, `${where} sets variables the ${tier} tier does not read`).toEqual([]);
  const settings = Object.fromEntries(Object.entries(env).filter(([k, v]) => k in schema.shape && v !== ""));
  const parsed = schema.safeParse(settings);
  expect(parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`), `${where}: invalid ${tier} settings`).toEqual([]);
}

const shutdownSeconds = (env: Record<string, string>) => (Number(env.SHUTDOWN_DELAY_MS ?? NaN) + Number(env.SHUTDOWN_TIMEOUT_MS ?? NaN)) / 1000;

// --- Dockerfiles ----------------------------------------------------------------------------------

describe.each(TIER_NAMES)("deploy/docker: the %s image", (tier) => {
  const { args, stages } = parseDockerfile(read(TIERS[tier].dockerfile));
  const chain = finalChain(stages);
  const final = chain.flatMap((s) => s.instructions);
  const last = (cmd: string) => final.filter((i) => i.cmd === cmd)[0]?.args; // chain is final-first
  const env = envOf(chain);

  it("is multi-stage on a pinned node 20 bookworm-slim base", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    const external = stages.filter((s) => !stages.some((o) => o.name === s.from));
    for (const s of external) expect(s.from.replace(/\$\{(\w+)\}/g, (_m, k: string) => args[k] ?? "")).toMatch(/^node:20\.\d+\.\d+-bookworm-slim$/);
  });

  it("installs production dependencies only in the final stage and copies no node_modules into it", () => {
    const installs = final.filter((i) => i.cmd === "RUN" && /\bnpm (ci|install)\b(?! --global)/.test(i.args));
    expect(installs.length).toBeGreaterThan(0);
    for (const i of installs) expect(i.args).toMatch(/--omit=dev/);
    for (const i of chain[0]!.instructions.filter((i) => i.cmd === "COPY")) expect(i.args).not.toMatch(/node_modules/);
  });

  it("runs as a numeric non-root user", () => {
    const user = chain[0]!.instructions.filter((i) => i.cmd === "USER").at(-1)?.args ?? "";
    expect(user).toMatch(/^\d+(:\d+)?$/);
    expect(Number(user.split(":")[0])).toBeGreaterThan(0);
  });

  it("checks its health on the liveness route of its own port, with node (no curl in slim images)", async () => {
    const check = last("HEALTHCHECK") ?? "";
    expect(check).toMatch(/CMD \["node", "-e", .*fetch\(/);
    expect(quotedPaths(check)).toEqual([LIVENESS_PATH]);
    expect(check).toContain(`process.env.PORT || ${TIERS[tier].port}`);
    await expectServed(tier, LIVENESS_PATH, `${TIERS[tier].dockerfile} HEALTHCHECK`);
  });

  it("exposes and listens on the tier's port and starts the tier", () => {
    expect(last("EXPOSE")).toBe(String(TIERS[tier].port));
    expect(env.PORT).toBe(String(TIERS[tier].port));
    expect(env.HOST).toBe("0.0.0.0");
    expect(JSON.parse(last("CMD") ?? "[]")).toEqual(TIERS[tier].cmd);
  });

  it("sets only variables the tier reads", () => expectValidEnv(tier, { ...env, ...(tier === "api" ? { DATABASE_URL: "postgresql://x@h/db" } : { API_URL: "http://api:4000" }) }, TIERS[tier].dockerfile));

  if (tier === "api") {
    it("carries the files the bundle reads at run time, where it looks for them", () => {
      const copies = chain[0]!.instructions.filter((i) => i.cmd === "COPY" && !i.args.startsWith("--from")).map((i) => i.args);
      for (const file of ["prisma/migrations", "apps/api/src/modules/auth/common-passwords.txt", "packages/db/seed"]) {
        expect(exists(file), file).toBe(true);
        expect(copies.some((c) => c.split(/\s+/)[0] === file), `COPY ${file}`).toBe(true);
      }
      expect(env.MIGRATIONS_DIR).toBe("/app/prisma/migrations");
      expect(chain.flatMap((s) => s.instructions).find((i) => i.cmd === "WORKDIR")?.args).toBe("/app");
    });
  }
});

// --- compose -------------------------------------------------------------------------------------

describe("deploy/compose.yaml", () => {
  const compose = parseYaml(read("deploy/compose.yaml"));
  const services: Record<string, any> = compose.services;
  const vars = parseEnvFile(read("deploy/compose/env.example"));
  const tierOf = (s: any): Tier | undefined =>
    TIER_NAMES.find((t) => s.build?.dockerfile === TIERS[t].dockerfile || String(s.image ?? "").startsWith(`${TIERS[t].image}:`));
  const replicas = (tier: Tier) =>
    Object.entries(services)
      .filter(([name, s]) => tierOf(s) === tier && name !== "migrate")
      .reduce((n, [, s]) => n + (s.deploy?.replicas ?? 1), 0);

  it("runs PostgreSQL with a volume and a health check, 2 API and 2 web replicas, and a load balancer", () => {
    expect(services.postgres.image).toMatch(/^postgres:\d+/);
    expect(services.postgres.volumes.some((v: string) => v.split(":")[0]! in (compose.volumes ?? {}))).toBe(true);
    expect(services.postgres.healthcheck.test.join(" ")).toContain("pg_isready");
    expect(replicas("api")).toBeGreaterThanOrEqual(2);
    expect(replicas("web")).toBeGreaterThanOrEqual(2);
    expect(services.lb.image).toMatch(/^haproxy:/);
  });

  it("applies migrations once with the API image before any API starts", () => {
    expect(tierOf(services.migrate)).toBe("api");
    expect(services.migrate.command).toEqual(["node", "apps/api/dist/cli.js", "migrate"]);
    expect(services.migrate.depends_on.postgres.condition).toBe("service_healthy");
    for (const [name, s] of Object.entries(services)) {
      if (tierOf(s) === "api" && name !== "migrate") expect(s.depends_on?.migrate?.condition, name).toBe("service_completed_successfully");
    }
  });

  it("gives every tier only settings it reads, valid, with the example's secrets, and time to shut down", () => {
    for (const [name, s] of Object.entries(services)) {
      const tier = tierOf(s);
      if (!tier) continue;
      const env = composeEnv(s, vars, "deploy");
      expectValidEnv(tier, env, `compose service ${name}`);
      if (name === "migrate") continue;
      const grace = Number(String(s.stop_grace_period ?? "10s").replace(/s$/, ""));
      expect(grace, `${name} stop_grace_period`).toBeGreaterThan(shutdownSeconds(env));
      if (tier === "api") expect(replicas("api") * Number(env.DB_POOL_MAX ?? 10), "API connections").toBeLessThanOrEqual(CONNECTION_BUDGET);
    }
  });

  it("commits no secrets: placeholders come from deploy/.env (example in deploy/compose/env.example)", () => {
    const text = read("deploy/compose.yaml");
    expect(text).not.toMatch(/^\s*\w*(PASSWORD|TOKEN|SECRET)\w*:[ \t]*(?!\$\{)\S/m);
    for (const value of Object.values(vars)) expect(value).toMatch(/^(replace-with-|true$|false$)/);
  });

  it("balances each tier through HAProxy, checking the liveness route and retrying failed connections", async () => {
    const mount = services.lb.volumes.find((v: string) => v.endsWith(":/usr/local/etc/haproxy/haproxy.cfg:ro"));
    const cfgFile = path.posix.join("deploy", mount.split(":")[0]);
    const cfg = read(cfgFile);
    expect(cfg).toMatch(/^\s*option redispatch/m);
    expect(cfg).toMatch(/^\s*retry-on .*\bconn-failure\b/m);
    const backends = haproxyBackends(cfg);
    for (const tier of TIER_NAMES) {
      const [name] = Object.entries(services).find(([n, s]) => tierOf(s) === tier && n !== "migrate")!;
      const lines = [...backends.values()].find((l) => l.some((x) => new RegExp(`\\s${name}:${TIERS[tier].port}(\\s|$)`).test(x)));
      expect(lines, `a backend with servers ${name}:${TIERS[tier].port}`).toBeDefined();
      expect(lines).toContain("option httpchk");
      const uri = /http-check send .*\buri (\S+)/.exec(lines!.join("\n"))?.[1];
      expect(uri).toBe(LIVENESS_PATH);
      await expectServed(tier, uri!, `${cfgFile} backend`);
    }
    const apiUrl = new URL(composeEnv(services.web, vars, "deploy").API_URL!);
    expect(apiUrl.hostname).toBe("lb");
    expect(cfg).toMatch(new RegExp(`bind :${apiUrl.port}\\s*\\n\\s*default_backend api\\b`));
  });
});

// --- Kubernetes -----------------------------------------------------------------------------------

describe("deploy/k8s", () => {
  const kustomization = parseYaml(read("deploy/k8s/kustomization.yaml"));
  const resources: string[] = kustomization.resources.map((r: string) => `deploy/k8s/${r}`);
  const secretTemplate = "deploy/k8s/secret.example.yaml";
  const objects: K8sObject[] = [...resources, secretTemplate].flatMap(readManifests);
  const ofKind = (kind: string) => objects.filter((o) => o.kind === kind);
  const workloads = [...ofKind("Deployment"), ...ofKind("Job")];
  const podLabels = (w: K8sObject): Record<string, string> => w.spec.template.metadata.labels;
  const deploymentOf = (tier: Tier) => {
    const found = ofKind("Deployment").filter((d) => podSpecOf(d).containers.some((c: any) => c.image === TIERS[tier].image));
    expect(found, `one Deployment runs ${TIERS[tier].image}`).toHaveLength(1);
    return found[0]!;
  };

  it("lists every manifest in kustomization.yaml, and not the Secret template", () => {
    for (const file of resources) expect(exists(file), file).toBe(true);
    expect(yamlFilesUnder("deploy/k8s").filter((f) => !f.endsWith("kustomization.yaml")).sort()).toEqual([...resources, secretTemplate].sort());
    expect(resources).not.toContain(secretTemplate);
  });

  it("runs every container as non-root with requests and limits", () => {
    for (const w of workloads) {
      const pod = podSpecOf(w);
      for (const c of pod.containers) {
        const security = { ...pod.securityContext, ...c.securityContext };
        expect(security.runAsNonRoot, `${w.metadata.name}/${c.name}`).toBe(true);
        expect(security.runAsUser).toBeGreaterThan(0);
        expect(security.allowPrivilegeEscalation).toBe(false);
        expect(Object.keys(c.resources?.requests ?? {}).sort()).toEqual(["cpu", "memory"]);
        expect(c.resources?.limits?.memory).toBeDefined();
      }
    }
  });

  it("gives every container only settings its tier reads, and valid", () => {
    for (const w of workloads) {
      for (const c of podSpecOf(w).containers) {
        const tier = TIER_NAMES.find((t) => c.image === TIERS[t].image);
        expect(tier, `${w.metadata.name}/${c.name} runs a Cartograph image`).toBeDefined();
        expectValidEnv(tier!, containerEnv(c, objects), `${w.kind} ${w.metadata.name}`);
      }
    }
  });

  it("migrates with a Job running the API image's CLI", () => {
    const jobs = ofKind("Job");
    expect(jobs).toHaveLength(1);
    const [container] = podSpecOf(jobs[0]!).containers;
    const api = podSpecOf(deploymentOf("api")).containers[0];
    expect(container.image).toBe(api.image);
    expect([...(container.command ?? []), ...(container.args ?? [])]).toEqual(["node", "apps/api/dist/cli.js", "migrate"]);
    expect(["Never", "OnFailure"]).toContain(podSpecOf(jobs[0]!).restartPolicy);
  });

  describe.each(TIER_NAMES)("the %s tier", (tier) => {
    const others = () => workloads.filter((w) => w !== deploymentOf(tier));
    const container = () => podSpecOf(deploymentOf(tier)).containers[0];
    const env = () => containerEnv(container(), objects);

    it("has a Deployment whose selector matches its own pods", () => {
      const d = deploymentOf(tier);
      expect(selects(d.spec.selector.matchLabels, podLabels(d))).toBe(true);
      for (const w of others()) expect(selects(d.spec.selector.matchLabels, podLabels(w)), `also selects ${w.metadata.name}`).toBe(false);
    });

    it("listens on the port its Service targets and its PORT says", () => {
      const services = ofKind("Service").filter((s) => selects(s.spec.selector, podLabels(deploymentOf(tier))));
      expect(services).toHaveLength(1);
      for (const w of others()) expect(selects(services[0]!.spec.selector, podLabels(w))).toBe(false);
      const [port] = services[0]!.spec.ports;
      expect(resolvePort(port.targetPort ?? port.port, container())).toBe(TIERS[tier].port);
      expect(Number(env().PORT)).toBe(TIERS[tier].port);
    });

    it("probes real routes: startup on its readiness route, readiness and liveness on /livez", async () => {
      const c = container();
      const expected = { startupProbe: TIERS[tier].startupPath, readinessProbe: LIVENESS_PATH, livenessProbe: LIVENESS_PATH };
      for (const [probe, route] of Object.entries(expected)) {
        expect(c[probe]?.httpGet?.path, probe).toBe(route);
        expect(resolvePort(c[probe].httpGet.port, c), `${probe} port`).toBe(TIERS[tier].port);
        await expectServed(tier, route, `${deploymentOf(tier).metadata.name} ${probe}`);
      }
      const annotations = deploymentOf(tier).spec.template.metadata.annotations ?? {};
      if (annotations["prometheus.io/path"]) await expectServed(tier, annotations["prometheus.io/path"], "the scrape annotation");
    });

    it("gets more time to stop than its shutdown delay and timeout together", () => {
      expect(shutdownSeconds(env()), "SHUTDOWN_DELAY_MS and SHUTDOWN_TIMEOUT_MS are set").not.toBeNaN();
      expect(podSpecOf(deploymentOf(tier)).terminationGracePeriodSeconds).toBeGreaterThan(shutdownSeconds(env()));
    });

    it("scales on its own: an autoscaler on CPU for its Deployment alone", () => {
      const hpas = ofKind("HorizontalPodAutoscaler").filter((h) => h.spec.scaleTargetRef.name === deploymentOf(tier).metadata.name);
      expect(hpas).toHaveLength(1);
      const hpa = hpas[0]!;
      expect(hpa.apiVersion).toBe("autoscaling/v2");
      expect(hpa.spec.scaleTargetRef.kind).toBe("Deployment");
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(hpa.spec.metrics.map((m: any) => m.resource?.name)).toContain("cpu");
      if (tier === "api") expect(hpa.spec.maxReplicas * Number(env().DB_POOL_MAX ?? 10), "connections at maxReplicas").toBeLessThanOrEqual(CONNECTION_BUDGET);
    });

    it("has a PodDisruptionBudget over its pods alone that lets a node drain", () => {
      const pdbs = ofKind("PodDisruptionBudget").filter((p) => selects(p.spec.selector.matchLabels, podLabels(deploymentOf(tier))));
      expect(pdbs).toHaveLength(1);
      for (const w of others()) expect(selects(pdbs[0]!.spec.selector.matchLabels, podLabels(w))).toBe(false);
      const { minAvailable, maxUnavailable } = pdbs[0]!.spec;
      expect(minAvailable === 1 || maxUnavailable === 1).toBe(true);
    });
  });

  it("points the web tier at the API's Service", () => {
    const apiService = ofKind("Service").find((s) => selects(s.spec.selector, podLabels(deploymentOf("api"))))!;
    const url = new URL(containerEnv(podSpecOf(deploymentOf("web")).containers[0], objects).API_URL!);
    expect(url.hostname).toBe(apiService.metadata.name);
    expect(Number(url.port)).toBe(apiService.spec.ports[0].port);
  });
});
