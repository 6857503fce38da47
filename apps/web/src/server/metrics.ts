import { HTTP_METRICS } from "@cartograph/contracts";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";

export interface WebMetrics {
  registry: Registry;
  /** One finished (or abandoned) request. */
  observe(request: { method: string; route: string; status: number; seconds: number }): void;
}

/** This process's metrics: the shared HTTP metrics with `tier="web"`, open event streams, the process. */
export function createWebMetrics(state: { openStreams: () => number }): WebMetrics {
  const registry = new Registry();
  registry.setDefaultLabels({ tier: "web" });
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({ ...HTTP_METRICS.requests, registers: [registry] });
  const duration = new Histogram({ ...HTTP_METRICS.duration, buckets: [...HTTP_METRICS.duration.buckets], registers: [registry] });
  const serverErrors = new Counter({ ...HTTP_METRICS.serverErrors, registers: [registry] });
  new Gauge({
    name: "cartograph_web_event_streams_open",
    help: "Open GET /events streams (Server-Sent Events passed through from the API) on this process.",
    registers: [registry],
    collect() {
      this.set(state.openStreams());
    },
  });
  return {
    registry,
    observe({ method, route, status, seconds }) {
      requests.inc({ method, route, status: String(status) });
      duration.observe({ method, route }, seconds);
      if (status >= 500) serverErrors.inc({ method, route });
    },
  };
}
