import { isIP } from "node:net";
import { z } from "zod";

const POSTGRES_URL = "must be a postgresql:// URL such as postgresql://user:password@127.0.0.1:5432/cartograph";
const isPostgresUrl = (value: string) => /^postgres(ql)?:\/\/.+/.test(value) && URL.canParse(value);
const postgresUrl = z.string({ error: POSTGRES_URL }).refine(isPostgresUrl, { message: POSTGRES_URL });

/** An entry Express's "trust proxy" understands: a named range, an address, or address/prefix. */
function isTrustedProxyEntry(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split("/");
  const family = isIP(address ?? "");
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

export const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"], { error: "must be development, production or test" }).default("production"),
  HOST: z.string().min(1).default("127.0.0.1"),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be between 0 and 65535")
    .max(65535, "must be between 0 and 65535")
    .default(4000),
  DATABASE_URL: postgresUrl,
  CARTOGRAPH_ADMIN_TOKEN: z.string().min(16, "must be at least 16 characters (generate one with `openssl rand -hex 24`)").optional(),
  /** The first admin account, created on a start when no admin exists yet (together, or neither). */
  CARTOGRAPH_ADMIN_EMAIL: z.string().trim().toLowerCase().pipe(z.email({ error: "must be an email address such as admin@example.com" })).optional(),
  CARTOGRAPH_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(256, "must be at most 256 characters").optional(),
  /** `true` lets anyone read the catalog without signing in (writes still need an account or token). */
  ANONYMOUS_READ: z
    .enum(["true", "false"], { error: "must be true or false" })
    .transform((v) => v === "true")
    .default(false),
  SESSION_IDLE_MINUTES: z.coerce.number({ error: "must be a number of minutes" }).int().min(1).max(7 * 24 * 60).default(30),
  SESSION_MAX_HOURS: z.coerce.number({ error: "must be a number of hours" }).int().min(1).max(30 * 24).default(12),
  /** Requests per minute per caller (account, token, or address when anonymous), across replicas; 0 turns the limit off. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number({ error: "must be a number of requests" }).int().min(0).max(10_000_000).default(1200),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "must be one of fatal, error, warn, info, debug, trace, silent" }).default("info"),
  DB_POOL_MAX: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(200, "must be at most 200").default(10),
  /**
   * Read replicas (streaming standbys of DATABASE_URL's server), comma-separated: catalog reads go
   * there, writes and a caller's reads of their own writes to the primary (docs/read-replicas.md).
   */
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((v) => v.split(",").map((url) => url.trim()).filter(Boolean))
    .superRefine((urls, ctx) => {
      const bad = urls.findIndex((url) => !isPostgresUrl(url));
      // The position, not the value: a URL may hold a password.
      if (bad >= 0) ctx.addIssue({ code: "custom", message: `must be comma-separated postgresql:// URLs (entry ${bad + 1} is not one)` });
    })
    .default([]),
  /**
   * The most a replica may lag and still serve reads (ms): one that has not replayed what the
   * primary had written this long ago is skipped, so no read is staler; 0 turns the bound off.
   */
  DB_REPLICA_MAX_LAG_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int("must be a whole number").min(0, "must be between 0 and 600000").max(600_000, "must be between 0 and 600000").default(5_000),
  /** Pooled connections per API process to each replica; DB_POOL_MAX when unset. */
  DB_REPLICA_POOL_MAX: z.coerce.number({ error: "must be a number" }).int().min(1, "must be at least 1").max(200, "must be at most 200").optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int().min(0).max(120_000).default(10_000),
  /** After SIGTERM, /livez fails this long before the listener closes, so load balancers stop sending traffic first. */
  SHUTDOWN_DELAY_MS: z.coerce.number({ error: "must be a number of milliseconds" }).int("must be a whole number").min(0, "must be between 0 and 60000").max(60_000, "must be between 0 and 60000").default(0),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "must be at least 16 characters (generate one with `openssl rand -hex 24`)").optional(),
  /**
   * Which proxies' X-Forwarded-For to believe for the client address (rate limits, audit): Express
   * "trust proxy" names (`loopback`, `linklocal`, `uniquelocal`) and addresses or CIDRs, comma-
   * separated. Only the load balancers and web replicas in front of the API belong here.
   */
  TRUST_PROXY: z
    .string()
    .transform((v) => v.split(",").map((entry) => entry.trim()).filter(Boolean))
    .superRefine((entries, ctx) => {
      const bad = entries.find((entry) => !isTrustedProxyEntry(entry));
      if (bad !== undefined || entries.length === 0) {
        ctx.addIssue({ code: "custom", message: `must be comma-separated loopback, linklocal, uniquelocal, IP addresses or CIDRs such as 10.0.0.0/8${bad === undefined ? "" : ` ("${bad}" is none of these)`}` });
      }
    })
    .default(["loopback"]),
  MIGRATIONS_DIR: z.string().min(1).optional(),
  /** Comma-separated kinds to store beside Backstage's own, e.g. `Environment,Capability`. */
  EXTRA_KINDS: z
    .string()
    .transform((v) => v.split(",").map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^[A-Za-z][A-Za-z0-9]{0,62}$/, "must be a comma-separated list of kind names (letters and digits, starting with a letter)")))
    .default([]),
});


export type Config = Readonly<z.infer<typeof EnvSchema>>;

const adminPair = (env: z.infer<typeof EnvSchema>) => (env.CARTOGRAPH_ADMIN_EMAIL === undefined) === (env.CARTOGRAPH_ADMIN_PASSWORD === undefined);

export class ConfigError extends Error {
  override name = "ConfigError";
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
  }
}

/** Parses the environment; empty strings count as unset, so `FOO=` behaves like no FOO. */
export function parseConfig(env: NodeJS.ProcessEnv): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ""));
  const result = EnvSchema.safeParse(present);
  if (result.success) {
    if (!adminPair(result.data)) {
      throw new ConfigError(["Invalid configuration: CARTOGRAPH_ADMIN_EMAIL and CARTOGRAPH_ADMIN_PASSWORD must be set together (or neither)"]);
    }
    return Object.freeze(result.data);
  }
  throw new ConfigError(
    result.error.issues.map((issue) => {
      const name = issue.path.join(".");
      const missing = issue.code === "invalid_type" && present[name] === undefined;
      return `Invalid configuration: ${name} ${missing ? "is required and " : ""}${issue.message}`;
    }),
  );
}

/** At process start: one clear line per bad variable, then exit non-zero. */
export function loadConfigOrExit(env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const line of error.problems) process.stderr.write(`${line}\n`);
    process.exit(78); // EX_CONFIG
  }
}
