import { NextResponse, type NextRequest } from "next/server";
import { isValidRequestId, REQUEST_ID_HEADER } from "./lib/request-id";

/**
 * Gives every request an id (kept when the caller sent a well-formed one) that server
 * components read via `headers()` and forward to the API, and echoes it to the client.
 */
export function proxy(request: NextRequest): NextResponse {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  const requestId = isValidRequestId(incoming) ? incoming : crypto.randomUUID();
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_ID_HEADER, requestId);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set(REQUEST_ID_HEADER, requestId);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
