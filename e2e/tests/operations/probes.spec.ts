import { expect, test } from "../../fixtures.ts";

const API_URL = process.env.E2E_API_URL!;

/** The value of one sample line of a Prometheus text page, or undefined. */
function sample(text: string, name: string, ...labels: string[]): number | undefined {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && labels.every((label) => l.includes(label)));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

// The operational routes of both production servers, as load balancers and Prometheus see them.
test.describe("liveness and metrics", () => {
  test("both tiers answer /livez", async ({ request }) => {
    for (const url of ["/livez", `${API_URL}/livez`]) {
      const res = await request.get(url);
      expect(res.status(), url).toBe(200);
      expect(await res.json()).toEqual({ status: "ok" });
    }
  });

  test("the web tier keeps the caller's request id and counts the page under its route pattern", async ({ page, request }) => {
    await page.setExtraHTTPHeaders({ "x-request-id": "e2e-trace-metrics" });
    const unknown = await page.goto("/no/such/e2e-metrics-probe");
    expect(unknown?.status()).toBe(404);
    expect(unknown?.headers()["x-request-id"]).toBe("e2e-trace-metrics");
    await expect(page.getByTestId("request-id")).toHaveText("e2e-trace-metrics");
    expect((await page.goto("/catalog/component/default/e2e-metrics-probe"))?.status()).toBe(404);

    const web = await (await request.get("/metrics")).text();
    expect(sample(web, "cartograph_http_requests_total", 'route="/catalog/[kind]/[namespace]/[name]"', 'status="404"', 'tier="web"')).toBeGreaterThanOrEqual(1);
    expect(sample(web, "cartograph_http_requests_total", 'route="other"', 'status="404"')).toBeGreaterThanOrEqual(1);
    expect(web).not.toContain("e2e-metrics-probe");

    const api = await (await request.get(`${API_URL}/metrics`)).text();
    expect(sample(api, "cartograph_http_requests_total", 'route="/api/v1/entities/:kind/:namespace/:name"', 'status="404"', 'tier="api"')).toBeGreaterThanOrEqual(1);
    expect(sample(api, "cartograph_db_pool_connections", 'tier="api"')).toBeGreaterThanOrEqual(1);
    expect(api).not.toContain("e2e-metrics-probe");
  });
});
