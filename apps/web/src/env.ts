import { z } from "zod";

const API_URL_EXAMPLE = "http://127.0.0.1:4000";

const EnvSchema = z.object({
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
  PORT: z.coerce.number({ error: "PORT must be a port number" }).int("PORT must be a whole number").min(0).max(65535, "PORT must be between 0 and 65535").optional(),
  HOST: z.string().min(1, "HOST must not be empty").optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], { error: "LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent" }).optional(),
  /** After SIGTERM, how long /livez fails while requests are still served, so load balancers drain first. */
  SHUTDOWN_DELAY_MS: z.coerce.number({ error: "SHUTDOWN_DELAY_MS must be a number of milliseconds" }).int().min(0).max(120_000).optional(),
  /** How long in-flight requests may finish after the delay. */
  SHUTDOWN_TIMEOUT_MS: z.coerce.number({ error: "SHUTDOWN_TIMEOUT_MS must be a number of milliseconds" }).int().min(0).max(120_000).optional(),
});

export { EnvSchema };

export type Env = Readonly<z.infer<typeof EnvSchema>>;

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

let cached: Env | undefined;

/**
 * Parses the configuration once. Throws a ConfigError whose message is one line per bad
 * variable; never echoes the values (a URL can carry credentials).
 */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = EnvSchema.safeParse({ API_URL: process.env.API_URL, ANONYMOUS_READ: process.env.ANONYMOUS_READ || undefined });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `Invalid configuration: ${issue.message}`);
    throw new ConfigError(lines.join("\n"));
  }
  cached = Object.freeze(parsed.data);
  return cached;
}
