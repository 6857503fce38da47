import http, { IncomingMessage, ServerResponse } from "node:http";
import type { Express } from "express";

/**
 * The HTTP server for an Express app, with requests and responses created as the app's own
 * request and response objects.
 *
 * Express gives each incoming request and response the app's prototypes with
 * Object.setPrototypeOf. V8 answers a prototype change by giving the object a fresh hidden class,
 * which deoptimises every function the request passes through and keeps its garbage alive into
 * the old generation: on a cached read that was most of the API's CPU and 3-5 ms young-generation
 * pauses every 40 ms (expressjs/express#5998). Here the server constructs them from classes whose
 * prototypes are the app's, so Express's setPrototypeOf finds the prototype already in place and
 * changes nothing.
 */
export function createAppServer(app: Express): http.Server {
  class AppRequest extends IncomingMessage {}
  class AppResponse extends ServerResponse {}
  adopt(AppRequest.prototype, app.request);
  adopt(AppResponse.prototype, app.response);
  app.request = AppRequest.prototype as Express["request"];
  app.response = AppResponse.prototype as Express["response"];
  return http.createServer({ IncomingMessage: AppRequest, ServerResponse: AppResponse }, app);
}

/** Makes `target` stand in for `source`: the same prototype and the same own properties. */
function adopt(target: object, source: object): void {
  Object.setPrototypeOf(target, Object.getPrototypeOf(source));
  Object.defineProperties(target, Object.getOwnPropertyDescriptors(source));
}

/**
 * Gives every request a property computed by `accessor`, defined once on IncomingMessage's
 * prototype (the first definition wins). Middleware that needs a per-request getter or setter uses
 * this instead of Object.defineProperty on each request, which would cost what the server above
 * avoids: a hidden class of its own for every request.
 */
export function defineRequestAccessor<R extends IncomingMessage, T>(
  name: string,
  accessor: { get(this: R): T; set(this: R, value: T): void; enumerable?: boolean },
): void {
  if (Object.getOwnPropertyDescriptor(IncomingMessage.prototype, name)) return;
  Object.defineProperty(IncomingMessage.prototype, name, { configurable: true, enumerable: accessor.enumerable ?? false, get: accessor.get, set: accessor.set });
}
