import { z } from "zod";

/** One problem with one field of a request, positioned by a dotted JSON path (`spec.owner`, `metadata.tags[2]`). */
export const FieldErrorSchema = z.object({
  path: z.string(),
  message: z.string(),
  /** For multi-document input: which document (0-based), and where in the file when known. */
  document: z.number().int().optional(),
  line: z.number().int().optional(),
  column: z.number().int().optional(),
});
export type FieldError = z.infer<typeof FieldErrorSchema>;

/** Something about one field that was accepted but needs attention (an unresolved placeholder...). */
export const FieldWarningSchema = z.object({ path: z.string(), message: z.string() });
export type FieldWarning = z.infer<typeof FieldWarningSchema>;

/**
 * RFC 9457 problem details, as every Cartograph API error is served (`application/problem+json`).
 * `code` is stable and meant for programs; `title` and `detail` are for people.
 */
export const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string(),
  requestId: z.string().optional(),
  errors: z.array(FieldErrorSchema).optional(),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Turns zod issues into our `{path, message}` list, with paths written the way people read them. */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], prefix: (string | number)[] = []): FieldError[] {
  return issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path.map((p) => (typeof p === "symbol" ? String(p) : p))]),
    message: issue.message,
  }));
}

export function formatPath(path: readonly (string | number)[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out || "(root)";
}
