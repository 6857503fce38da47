/**
 * What the error boundary may learn about a failure. In production Next.js hides a server
 * error's message from the browser and forwards only `error.digest`, and it keeps a digest
 * the error already has. So the API client's errors carry a digest that names the kind of
 * failure and the request id; nothing else (no URLs, no API messages) crosses over.
 */
export type FailureKind = "api_unavailable" | "api_error";

export interface Failure {
  kind: FailureKind;
  status?: number;
  requestId?: string;
}

const PREFIX = "cartograph";
const SEP = "|"; // not allowed in request ids, see request-id.ts

export function failureDigest(failure: Failure): string {
  return [PREFIX, failure.kind, failure.status ?? "", failure.requestId ?? ""].join(SEP);
}

export function parseFailureDigest(digest: unknown): Failure | null {
  if (typeof digest !== "string") return null;
  const [prefix, kind, status, requestId] = digest.split(SEP);
  if (prefix !== PREFIX || (kind !== "api_unavailable" && kind !== "api_error")) return null;
  const code = Number(status);
  return {
    kind,
    ...(status && Number.isInteger(code) ? { status: code } : {}),
    ...(requestId ? { requestId } : {}),
  };
}
