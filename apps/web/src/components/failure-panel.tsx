"use client";

import { parseFailureDigest } from "@/lib/failure";

/**
 * The body of error.tsx and global-error.tsx. Only the digest survives to the browser in
 * production; for the API client's errors it names the failure and the request id.
 */
export function FailurePanel({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = typeof error === "object" && error !== null && "digest" in error ? error.digest : undefined;
  const failure = parseFailureDigest(digest);
  const unavailable = failure?.kind === "api_unavailable";

  return (
    <div className="panel notice" role="alert" aria-labelledby="failure-heading">
      <h1 id="failure-heading">{unavailable ? "Cartograph can't reach its API right now" : "Something went wrong"}</h1>
      {unavailable ? (
        <p>The catalog data comes from the Cartograph API, which did not answer. It may be restarting or down.</p>
      ) : failure?.status ? (
        <p>The Cartograph API answered with an error (HTTP {failure.status}), so this page could not be shown.</p>
      ) : (
        <p>This page failed to render. The error has been logged on the server.</p>
      )}
      <p>
        Try again in a moment. If it keeps happening, check that the API is running (its <code>/healthz</code>{" "}
        endpoint) and pass the reference below to whoever runs Cartograph.
      </p>
      {failure?.requestId ? (
        <p>
          Request id: <code data-testid="request-id">{failure.requestId}</code>
        </p>
      ) : typeof digest === "string" ? (
        <p>
          Error reference: <code data-testid="error-digest">{digest}</code>
        </p>
      ) : null}
      <div className="actions">
        <button type="button" className="button" onClick={() => retry()}>
          Try again
        </button>
        {/* A plain anchor: a full load also recovers when the client router is in a bad state. */}
        <a href="/">Go to the catalog</a>
      </div>
    </div>
  );
}
