import { z } from "zod";
import { inputError } from "./errors.ts";

/** A query parameter that may repeat (`filter=a&filter=b`): always a list. */
export const repeated = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => [v].flat())
  .optional();

/** A query parameter given at most once. */
export const once = z.string({ error: "must be given once" }).optional();

/** A non-negative whole number in the query string. */
export const count = z
  .string({ error: "must be given once" })
  .regex(/^\d{1,9}$/, "must be a non-negative integer")
  .transform(Number)
  .optional();

export const totalItemsParam = z.enum(["include", "exclude"], { error: "must be include or exclude" }).optional();

const where = (path: PropertyKey[]) => path.map(String).join(".");

function describe(issues: readonly z.core.$ZodIssue[], what: "query parameter" | "request body field"): string {
  return issues
    .map((issue) => {
      if (issue.code === "unrecognized_keys") return issue.keys.map((k) => `Unknown ${what} '${k}'`).join("; ");
      return issue.path.length > 0 ? `Invalid ${what} '${where(issue.path)}': ${issue.message}` : `Invalid request: ${issue.message}`;
    })
    .join("; ");
}

/** A route's query parameters (built once: zod compiles each schema on first use). */
export const queryParams = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape);

/** For routes that take no query parameters. */
export const NO_QUERY = queryParams({});

/** The query string against the parameters a route knows; anything else is an InputError, as Backstage's OpenAPI validation does. */
export function parseQuery<S extends z.ZodRawShape>(schema: z.ZodObject<S, z.core.$strict>, query: unknown): z.infer<z.ZodObject<S, z.core.$strict>> {
  const result = schema.safeParse(query);
  if (!result.success) throw inputError(describe(result.error.issues, "query parameter"));
  return result.data;
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw inputError(describe(result.error.issues, "request body field"));
  return result.data;
}

/** A query parameter that must be given at least once. */
export const required = z.union([z.string(), z.array(z.string()).min(1)], { error: "is required" }).transform((v) => [v].flat());
