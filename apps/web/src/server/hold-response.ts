import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

export interface HoldOptions {
  /** How long a response may be held back, from the request's start; 0 turns holding off. */
  windowMs: number;
  /** A response bigger than this is sent on as it comes. */
  maxBytes: number;
}

type Chunk = { chunk: string | Uint8Array; encoding?: BufferEncoding };
type Callback = (error?: Error | null) => void;

const isEventStream = (value: unknown) => /text\/event-stream/i.test(String(value ?? ""));

/**
 * Holds a response back (status, headers and body) until it is complete, the window ends, or it
 * grows past maxBytes. A replica that dies while holding a response has sent nothing, so the
 * load balancer sees an empty response and retries the request on another replica (HAProxy
 * `retry-on empty-response`); once bytes are out, a death mid-response reaches the browser as a
 * broken page. Pages that take longer than the window still stream as Next.js renders them.
 *
 * The methods stay wrapped for the whole response (Next.js's compression wraps them again, on top
 * of ours); after release they pass straight through.
 */
export function holdResponse(res: ServerResponse, options: HoldOptions): void {
  if (options.windowMs <= 0) return;
  // The originals, called with the arguments Next.js gave (their overloads do not survive `call`).
  type Loose = (...args: unknown[]) => unknown;
  const writeHead = res.writeHead as unknown as Loose;
  const write = res.write as unknown as Loose;
  const end = res.end as unknown as Loose;
  const flushHeaders = res.flushHeaders as unknown as Loose;
  let holding = true;
  let head: Parameters<ServerResponse["writeHead"]> | undefined;
  const chunks: Chunk[] = [];
  let size = 0;

  const release = () => {
    if (!holding) return;
    holding = false;
    clearTimeout(timer);
    if (head) writeHead.apply(res, head);
    for (const { chunk, encoding } of chunks.splice(0)) {
      if (encoding) write.call(res, chunk, encoding);
      else write.call(res, chunk);
    }
  };
  const timer = setTimeout(release, options.windowMs);
  timer.unref();
  res.once("close", () => clearTimeout(timer));

  const headersOf = (args: unknown[]): OutgoingHttpHeaders | undefined => {
    const last = args[args.length - 1];
    return last && typeof last === "object" && !Array.isArray(last) ? (last as OutgoingHttpHeaders) : undefined;
  };

  res.writeHead = function heldWriteHead(this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    if (!holding) return writeHead.apply(res, args);
    head = args;
    const headers = headersOf(args);
    if (isEventStream(headers?.["content-type"] ?? res.getHeader("content-type"))) release();
    return res;
  } as ServerResponse["writeHead"];

  res.flushHeaders = function heldFlushHeaders() {
    if (!holding) flushHeaders.call(res);
  };

  res.write = function heldWrite(chunk: string | Uint8Array, encodingOrCallback?: BufferEncoding | Callback, callback?: Callback) {
    const encoding = typeof encodingOrCallback === "string" ? encodingOrCallback : undefined;
    const done = typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (holding && isEventStream(res.getHeader("content-type"))) release();
    if (!holding) return encoding ? write.call(res, chunk, encoding, done) : write.call(res, chunk, done);
    chunks.push({ chunk, encoding });
    size += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
    if (done) process.nextTick(done);
    if (size >= options.maxBytes) release();
    return true;
  } as ServerResponse["write"];

  res.end = function heldEnd(chunkOrCallback?: string | Uint8Array | Callback, encodingOrCallback?: BufferEncoding | Callback, callback?: Callback) {
    const chunk = typeof chunkOrCallback === "function" ? undefined : chunkOrCallback;
    const encoding = typeof encodingOrCallback === "string" ? encodingOrCallback : undefined;
    const done = typeof chunkOrCallback === "function" ? chunkOrCallback : typeof encodingOrCallback === "function" ? encodingOrCallback : callback;
    if (holding) {
      if (chunk !== undefined && chunk !== null) {
        chunks.push({ chunk, encoding });
        size += typeof chunk === "string" ? Buffer.byteLength(chunk, encoding) : chunk.byteLength;
      }
      // The whole response is in hand: say how long it is, so it needs no chunked framing.
      const status = typeof head?.[0] === "number" ? head[0] : res.statusCode;
      const framed = Object.keys(headersOf(head ?? []) ?? {}).some((name) => /^(content-length|transfer-encoding)$/i.test(name));
      const bodiless = res.req?.method === "HEAD" || status === 204 || status === 304 || status < 200;
      if (!framed && !bodiless && !res.headersSent && !res.hasHeader("content-length") && !res.hasHeader("transfer-encoding")) {
        res.setHeader("content-length", size);
      }
      release();
      return done ? end.call(res, done) : end.call(res);
    }
    if (chunk === undefined || chunk === null) return done ? end.call(res, done) : end.call(res);
    return encoding ? end.call(res, chunk, encoding, done) : end.call(res, chunk, done);
  } as ServerResponse["end"];
}
