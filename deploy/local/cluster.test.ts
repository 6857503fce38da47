import { describe, expect, it } from "vitest";
// @ts-expect-error: plain JavaScript launcher module without type declarations
import { clusterOptions } from "./cluster.mjs";
// @ts-expect-error: plain JavaScript launcher module without type declarations
import { haproxyConfig } from "./haproxy.mjs";

describe("npm run cluster options", () => {
  it("defaults to 2 API and 2 web replicas, no read replica, load balancers on 8080 and 8081", () => {
    expect(clusterOptions([], {})).toEqual({ apiReplicas: 2, webReplicas: 2, readReplica: false, webPort: 8080, apiPort: 8081, verbose: false });
  });

  it("takes flags over the environment", () => {
    const env = { CLUSTER_API_REPLICAS: "4", CLUSTER_WEB_REPLICAS: "3", CLUSTER_READ_REPLICA: "true", CLUSTER_PORT: "9000" };
    expect(clusterOptions([], env)).toMatchObject({ apiReplicas: 4, webReplicas: 3, readReplica: true, webPort: 9000 });
    expect(clusterOptions(["--api=1", "--no-replica", "--port=9100", "--api-port=9101", "--verbose"], env)).toEqual({
      apiReplicas: 1,
      webReplicas: 3,
      readReplica: false,
      webPort: 9100,
      apiPort: 9101,
      verbose: true,
    });
  });

  it.each([
    [["--api=0"], "--api / CLUSTER_API_REPLICAS must be a whole number from 1 to 16 (got \"0\")"],
    [["--web=two"], "--web / CLUSTER_WEB_REPLICAS must be a whole number from 1 to 16"],
    [["--port=70000"], "--port / CLUSTER_PORT must be a port number"],
    [["--replica=maybe"], "--replica / CLUSTER_READ_REPLICA must be true or false"],
    [["--apis=3"], "unknown option --apis=3; use --api=N --web=N --replica --port=N --api-port=N --verbose"],
  ])("refuses %j, saying what is allowed", (argv, message) => {
    expect(() => clusterOptions(argv, {})).toThrow(message);
  });
});

describe("the local load balancer's configuration", () => {
  const config: string = haproxyConfig({
    frontends: [
      { name: "api", port: 18081, servers: [{ name: "api-1", port: 18001 }, { name: "api-2", port: 18002 }] },
      { name: "web", port: 18080, servers: [{ name: "web-1", port: 18003 }] },
    ],
  });

  it("checks every replica on /livez and lists each one in its tier's backend only", () => {
    const api = config.slice(config.indexOf("backend api_replicas"), config.indexOf("frontend web"));
    expect(api).toContain("option httpchk GET /livez");
    expect(api).toMatch(/server api-1 127\.0\.0\.1:18001\n\s+server api-2 127\.0\.0\.1:18002/);
    expect(api).not.toContain("web-1");
    expect(config).toContain("bind 127.0.0.1:18080");
  });

  it("retries a request that reached a replica only when it is safe to repeat", () => {
    expect(config).toContain("retry-on conn-failure empty-response junk-response");
    expect(config.match(/http-request disable-l7-retry if !\{ method GET HEAD OPTIONS \} !\{ req\.hdr\(idempotency-key\) -m found \}/g)).toHaveLength(2);
    expect(config.match(/option http-buffer-request/g)).toHaveLength(2);
  });
});
