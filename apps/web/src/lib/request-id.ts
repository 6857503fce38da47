/** The header that carries one request's id through the web tier, the API and their logs. */
export const REQUEST_ID_HEADER = "x-request-id";

// The same shape the API accepts, so an id we forward is never replaced downstream.
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export function isValidRequestId(value: string | null | undefined): value is string {
  return typeof value === "string" && REQUEST_ID.test(value);
}
