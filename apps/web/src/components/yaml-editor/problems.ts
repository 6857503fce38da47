import type { FieldError } from "@cartograph/contracts";

/** "line 7, column 3: spec.owner: must be a string" — how a problem reads in a list. */
export function describeProblem(error: FieldError): string {
  const where = error.line !== undefined ? `line ${error.line}${error.column !== undefined ? `, column ${error.column}` : ""}: ` : "";
  // The API often starts the message with the path; once is enough.
  const message = error.message.startsWith(`${error.path} `) ? error.message.slice(error.path.length + 1) : error.message;
  const path = error.path && error.path !== "(root)" ? `${error.path}: ` : "";
  const doc = error.line === undefined && error.document !== undefined ? `document ${error.document + 1}: ` : "";
  return `${where}${doc}${path}${message}`;
}

/** Problems in reading order: by line, then column; unpositioned ones last. */
export function sortProblems(errors: readonly FieldError[]): FieldError[] {
  const key = (e: FieldError) => [e.line ?? Number.MAX_SAFE_INTEGER, e.column ?? 0] as const;
  return [...errors].sort((a, b) => {
    const [la, ca] = key(a);
    const [lb, cb] = key(b);
    return la - lb || ca - cb;
  });
}

export interface TextRange {
  from: number;
  to: number;
}

/**
 * Where a problem sits in `text` as offsets: from its column to the end of its line (the API
 * positions the start of the offending value). Lines and columns are 1-based; anything out of
 * range is clamped, so a stale answer for a shorter text still lands somewhere sensible.
 */
export function problemRange(text: string, line: number | undefined, column: number | undefined): TextRange {
  if (line === undefined) return { from: 0, to: 0 };
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1 && starts.length < line; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const start = starts[Math.min(line, starts.length) - 1] ?? 0;
  const newline = text.indexOf("\n", start);
  const end = newline === -1 ? text.length : newline;
  const from = Math.min(start + Math.max((column ?? 1) - 1, 0), end);
  return { from, to: end };
}
