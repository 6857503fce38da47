// Readers for the files in deploy/, for deploy.test.ts: there is no Docker engine or cluster to
// try them on, so their invariants are checked from the parsed text.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, parseAllDocuments } from "yaml";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
export const exists = (file: string) => existsSync(path.join(ROOT, file));

// ---------------------------------------------------------------------------------------------
// Dockerfiles

export interface Instruction {
  cmd: string;
  args: string;
}
export interface Stage {
  from: string;
  name?: string;
  instructions: Instruction[];
}

/** Stages of a Dockerfile (continuation lines joined, comments dropped) and its global ARG defaults. */
export function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const lines = text.replace(/\\\r?\n/g, " ").split(/\r?\n/).filter((l) => l.trim() && !l.trim().startsWith("#"));
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const line of lines) {
    const [, cmd = "", rest = ""] = /^\s*(\w+)\s+(.*)$/.exec(line) ?? [];
    const instruction = { cmd: cmd.toUpperCase(), args: rest.trim() };
    if (instruction.cmd === "FROM") {
      const [, from = "", name] = /^(\S+)(?:\s+AS\s+(\S+))?/i.exec(instruction.args) ?? [];
      stages.push({ from, name, instructions: [] });
    } else if (stages.length === 0 && instruction.cmd === "ARG") {
      const [key = "", value = ""] = instruction.args.split("=");
      args[key] = value;
    } else {
      stages.at(-1)?.instructions.push(instruction);
    }
  }
  return { args, stages };
}

/** The final stage and every stage it is built FROM, final first. */
export function finalChain(stages: Stage[]): Stage[] {
  const chain: Stage[] = [];
  let stage = stages.at(-1);
  while (stage && !chain.includes(stage)) {
    chain.push(stage);
    stage = stages.find((s) => s.name === stage!.from);
  }
  return chain;
}

/** `KEY=value KEY2="v"` pairs of ENV instructions (the legacy `ENV KEY value` form too). */
export function envOf(stages: Stage[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const stage of [...stages].reverse()) {
    for (const { cmd, args } of stage.instructions) {
      if (cmd !== "ENV") continue;
      const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|\S*)/g)];
      if (pairs.length === 0) {
        const [key = "", ...value] = args.split(/\s+/);
        env[key] = value.join(" ");
      }
      for (const [, key = "", value = ""] of pairs) env[key] = value.replace(/^"|"$/g, "");
    }
  }
  return env;
}

/** Paths quoted in a command, such as the route of a HEALTHCHECK's fetch. */
export const quotedPaths = (command: string) => [...command.matchAll(/['"](\/[A-Za-z0-9_\-/]*)['"]/g)].map((m) => m[1]!);

// ---------------------------------------------------------------------------------------------
// Compose

export type EnvMap = Record<string, string>;

/** `KEY=value` lines, as compose's env files and deploy/compose/env.example are written. */
export function parseEnvFile(text: string): EnvMap {
  const env: EnvMap = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match) env[match[1]!] = match[2]!.trim();
  }
  return env;
}

/** Compose's `${NAME}`, `${NAME:-default}` and `${NAME:?error}`; a missing required name throws. */
export function interpolate(value: string, vars: EnvMap): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::([-?])([^}]*))?\}/g, (_m, name: string, op?: string, word?: string) => {
    const set = vars[name];
    if (set !== undefined && set !== "") return set;
    if (op === "?") throw new Error(`compose needs ${name}: ${word}`);
    return op === "-" ? (word ?? "") : "";
  });
}

/** A service's environment (map or list form) plus its env_file entries, interpolated. */
export function composeEnv(service: Record<string, unknown>, vars: EnvMap, composeDir: string): EnvMap {
  const env: EnvMap = {};
  const files = service.env_file === undefined ? [] : [service.env_file].flat();
  for (const file of files) {
    const p = typeof file === "string" ? file : (file as { path: string }).path;
    Object.assign(env, parseEnvFile(read(path.join(composeDir, p))));
  }
  const given = service.environment ?? {};
  const entries = Array.isArray(given) ? given.map((e: string) => e.split(/=(.*)/s).slice(0, 2)) : Object.entries(given);
  for (const [key, value] of entries) env[String(key)] = interpolate(String(value ?? ""), vars);
  return env;
}

export const parseYaml = (text: string) => parse(text, { merge: true }) as Record<string, any>;

// ---------------------------------------------------------------------------------------------
// Kubernetes

export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: any;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
  file: string;
}

export function readManifests(file: string): K8sObject[] {
  return parseAllDocuments(read(file))
    .map((d) => d.toJS() as K8sObject | null)
    .filter((o): o is K8sObject => o !== null)
    .map((o) => ({ ...o, file }));
}

/** Every YAML file under a folder, relative to the repository root. */
export function yamlFilesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")));
}

/** Whether a label selector (matchLabels or a Service's plain map) selects pods with `labels`. */
export const selects = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The containers of a Deployment's or Job's pod template. */
export const podSpecOf = (workload: K8sObject) => workload.spec.template.spec;

/** A container's environment: `env` values plus every key of the ConfigMaps and Secrets of its `envFrom`. */
export function containerEnv(container: any, objects: K8sObject[]): EnvMap {
  const env: EnvMap = {};
  const lookup = (kind: string, name: string) => {
    const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
    if (!found) throw new Error(`${kind} ${name} (used by container ${container.name}) is not in deploy/k8s`);
    return found;
  };
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) Object.assign(env, lookup("ConfigMap", source.configMapRef.name).data);
    if (source.secretRef) Object.assign(env, lookup("Secret", source.secretRef.name).stringData);
  }
  for (const { name, value, valueFrom } of container.env ?? []) {
    if (valueFrom?.secretKeyRef) env[name] = lookup("Secret", valueFrom.secretKeyRef.name).stringData?.[valueFrom.secretKeyRef.key] ?? "";
    else if (valueFrom?.configMapKeyRef) env[name] = lookup("ConfigMap", valueFrom.configMapKeyRef.name).data?.[valueFrom.configMapKeyRef.key] ?? "";
    else env[name] = String(value ?? "");
  }
  return env;
}

/** A probe's or Service's port (a number or a container port's name) as a number. */
export function resolvePort(port: number | string, container: any): number | undefined {
  if (typeof port === "number") return port;
  return container.ports?.find((p: { name?: string }) => p.name === port)?.containerPort;
}

// ---------------------------------------------------------------------------------------------
// HAProxy

/** `backend <name>` sections with their lines. */
export function haproxyBackends(text: string): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const header = /^(global|defaults|frontend|backend|listen|resolvers)\b\s*(\S*)/.exec(line);
    if (header && !raw.startsWith(" ") && !raw.startsWith("\t")) {
      current = header[1] === "backend" ? [] : undefined;
      if (current) sections.set(header[2]!, current);
    } else {
      current?.push(line);
    }
  }
  return sections;
}
