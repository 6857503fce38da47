import { toFieldErrors } from "@cartograph/contracts";
import type { z } from "zod";
import { BadRequestError } from "../errors.ts";

/** Parses query or path input; failures are the caller's fault, so 400 with every field named. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: "query" | "path"): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new BadRequestError(`invalid_${what}`, `The ${what === "query" ? "query string" : "path"} is not valid.`, toFieldErrors(result.error.issues));
}
