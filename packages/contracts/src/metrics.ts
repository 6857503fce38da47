/**
 * The HTTP metrics both tiers expose at GET /metrics (Prometheus text format), defined once so a
 * dashboard or alert reads the web tier and the API alike; each series also carries `tier`.
 * `route` is always a pattern (an Express route, a Next.js route), never a raw URL.
 */
export const HTTP_METRICS = {
  requests: {
    name: "cartograph_http_requests_total",
    help: "HTTP requests answered, by method, route pattern and status code.",
    labelNames: ["method", "route", "status"],
  },
  duration: {
    name: "cartograph_http_request_duration_seconds",
    help: "Seconds from receiving a request to finishing its response, by method and route pattern.",
    labelNames: ["method", "route"],
    // From a cached read to a slow graph walk; event streams land in +Inf under their own route.
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  },
  serverErrors: {
    name: "cartograph_http_server_errors_total",
    help: "HTTP requests answered with a 5xx status, by method and route pattern.",
    labelNames: ["method", "route"],
  },
} as const;
