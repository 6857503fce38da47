import type { RequestHandler } from "express";
import type { ServerResponse } from "node:http";

/**
 * Once shutdown begins every response is its connection's last (`Connection: close`), so load
 * balancers do not send more requests down it. Decided when the headers go out, not when the
 * request arrives: a request that came in before SIGTERM and answers after it closes too.
 * (Node sends implicit headers through `writeHead` as well.)
 */
export function closeConnectionsWhileDraining(isAcceptingTraffic: () => boolean): RequestHandler {
  return (_req, res, next) => {
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
      if (!isAcceptingTraffic() && !this.headersSent) this.setHeader("Connection", "close");
      return (writeHead as (...a: unknown[]) => ServerResponse).apply(this, args);
    } as typeof res.writeHead;
    next();
  };
}
