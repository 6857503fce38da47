import type { NextRequest } from "next/server";
import { getEnv } from "@/env";
import { clientHeaders, currentRequestId } from "@/lib/api";
import { REQUEST_ID_HEADER } from "@/lib/request-id";
import { sessionToken } from "@/lib/session";
import { announceLive } from "./announce-live";

// Never prerendered or cached: every request is one visitor's open stream.
export const dynamic = "force-dynamic";

const MAX_REFS = 30;
/** How long a browser waits before reconnecting when the API could not be reached. */
const RETRY_MS = 5_000;

const STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: the compression in Next.js's server would otherwise hold events back.
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
};

/**
 * The API's change stream (Server-Sent Events) for the browser, as the signed-in visitor: the
 * session goes as a Bearer token like every other call, events pass through as they arrive,
 * and closing the page closes the API connection. Last-Event-ID is passed on, so a reconnecting
 * EventSource resumes where it left off.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const env = getEnv();
  const token = await sessionToken();
  if (!token && !env.ANONYMOUS_READ) return new Response("Sign in to follow catalog changes.\n", { status: 401, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

  const url = new URL("/api/v1/events", env.API_URL);
  for (const ref of request.nextUrl.searchParams.getAll("ref").slice(0, MAX_REFS)) url.searchParams.append("ref", ref.slice(0, 128));
  const lastEventId = request.headers.get("last-event-id");

  let upstream: Response;
  try {
    upstream = await fetch(url, {
      cache: "no-store",
      headers: {
        accept: "text/event-stream",
        [REQUEST_ID_HEADER]: await currentRequestId(),
        ...(await clientHeaders()),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(lastEventId ? { "last-event-id": lastEventId.slice(0, 128) } : {}),
      },
      // The browser went away: so does the API connection.
      signal: request.signal,
    });
  } catch {
    return retryLater();
  }

  if (upstream.status === 401 || upstream.status === 403) {
    await upstream.body?.cancel();
    // EventSource stops for good on an error status: right when the visitor may not listen.
    return new Response(null, { status: upstream.status, headers: { "cache-control": "no-store" } });
  }
  if (!upstream.ok || !upstream.body || !upstream.headers.get("content-type")?.startsWith("text/event-stream")) {
    await upstream.body?.cancel();
    return retryLater();
  }
  return new Response(upstream.body.pipeThrough(announceLive()), { status: 200, headers: STREAM_HEADERS });
}

/** A stream that only says "try again in a while": EventSource reconnects on its own. */
function retryLater(): Response {
  return new Response(`retry: ${RETRY_MS}\n: the catalog's change stream is not available right now\n\n`, { status: 200, headers: STREAM_HEADERS });
}
