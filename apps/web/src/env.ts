import { z } from "zod";

const API_URL_EXAMPLE = "http://127.0.0.1:4000";

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** A duration setting in whole milliseconds, `max` at most; the message names the variable. */
const milliseconds = (name: string, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a number of milliseconds` })
    .int(`${name} must be a whole number of milliseconds`)
    .min(0, `${name} must be between 0 and ${max}`)
    .max(max, `${name} must be between 0 and ${max}`)
    .default(fallback);

/** The web tier's whole configuration (server.ts reads all of it; the app reads API_URL and ANONYMOUS_READ). */
export const EnvSchema = z.object({
  API_URL: z
    .string({ error: `API_URL is missing; set it to the API's http(s) base URL, such as ${API_URL_EXAMPLE}` })
    .trim()
    .min(1, `API_URL is empty; set it to the API's http(s) base URL, such as ${API_URL_EXAMPLE}`)
    .pipe(z.url({ protocol: /^https?$/, error: `API_URL must be an http(s) URL such as ${API_URL_EXAMPLE}` }))
    // The client resolves absolute paths against it, so a path here would be silently dropped.
    .refine((u) => {
      const url = new URL(u);
      return url.pathname === "/" && !url.search && !url.hash;
    }, `API_URL must be an origin without a path, query or fragment, such as ${API_URL_EXAMPLE}`),
  /**
   * Mirrors the API's setting: whether anonymous visitors may read the catalog. When false the
   * web sends them to sign in before rendering anything; the API decides either way.
   */
  ANONYMOUS_READ: z
    .enum(["true", "false"], { error: "ANONYMOUS_READ must be true or false" })
    .default("false")
    .transform((v) => v === "true"),
  PORT: z.coerce
    .number({ error: "PORT must be a port number" })
    .int("PORT must be a port number")
    .min(0, "PORT must be between 0 and 65535")
    .max(65535, "PORT must be between 0 and 65535")
    .default(3000),
  HOST: z.string().trim().min(1, "HOST is empty; set it to the address to listen on, such as 0.0.0.0").default("127.0.0.1"),
  LOG_LEVEL: z.enum(LOG_LEVELS, { error: `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}` }).default("info"),
  /** After SIGTERM, /livez fails this long before the listener closes, so load balancers stop sending traffic first. */
  SHUTDOWN_DELAY_MS: milliseconds("SHUTDOWN_DELAY_MS", 60_000, 0),
  /** How long in-flight requests may take to finish once the listener closed; then their connections are cut. */
  SHUTDOWN_TIMEOUT_MS: milliseconds("SHUTDOWN_TIMEOUT_MS", 120_000, 10_000),
  /**
   * A page is held back until it is complete, for at most this long (0: never), so a replica that
   * dies mid-render has sent nothing and the load balancer retries the request elsewhere. Slower
   * pages stream as they render once the time is up.
   */
  RESPONSE_HOLD_MS: milliseconds("RESPONSE_HOLD_MS", 30_000, 2_500),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
  METRICS_TOKEN: z.string().min(16, "METRICS_TOKEN must be at least 16 characters (generate one with `openssl rand -hex 24`)").optional(),
});


export type Env = Readonly<z.infer<typeof EnvSchema>>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

let cached: Env | undefined;

/**
 * Parses `env`. Throws a ConfigError whose message is one line per bad variable; never echoes
 * the values (a URL can carry credentials). An empty variable counts as unset, except API_URL,
 * which says it is empty.
 */
export function parseEnv(env: Record<string, string | undefined>): Env {
  const input = Object.fromEntries(Object.keys(EnvSchema.shape).map((name) => [name, name === "API_URL" ? env[name] : env[name] || undefined]));
  const parsed = EnvSchema.safeParse(input);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `Invalid configuration: ${issue.message}`);
    throw new ConfigError(lines.join("\n"));
  }
  return Object.freeze(parsed.data);
}

/** The process's configuration, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
