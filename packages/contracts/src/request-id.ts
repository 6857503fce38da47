/** The header that carries one request's id through the web tier, the API and their logs. */
export const REQUEST_ID_HEADER = "x-request-id";

/** What either tier accepts as an incoming id; anything else is replaced by a fresh UUID. */
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidRequestId(value: unknown): value is string {
  return typeof value === "string" && REQUEST_ID.test(value);
}
