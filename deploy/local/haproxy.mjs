// HAProxy in front of each tier for the local cluster (`npm run cluster`), the resilience suite
// and the load-balancer benchmark. Debian's haproxy, run unprivileged in the foreground from a
// folder of ours; installed with apt-get when missing and we may (root with apt), otherwise a
// message that says how.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { say } from "./lib.mjs";

const CANDIDATES = ["/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy", "/usr/local/bin/haproxy"];

function findHaproxy() {
  if (process.env.HAPROXY_BIN) return existsSync(process.env.HAPROXY_BIN) ? process.env.HAPROXY_BIN : undefined;
  const onPath = spawnSync("sh", ["-c", "command -v haproxy"], { encoding: "utf8" }).stdout.trim();
  return onPath || CANDIDATES.find((p) => existsSync(p));
}

/** The haproxy binary, installing Debian's package when allowed (`CLUSTER_INSTALL=false` forbids it). */
export function ensureHaproxy({ log = say } = {}) {
  const found = findHaproxy();
  if (found) return found;
  const mayInstall = process.getuid?.() === 0 && existsSync("/usr/bin/apt-get") && process.env.CLUSTER_INSTALL !== "false";
  if (mayInstall) {
    log("HAProxy is not installed; installing Debian's package (apt-get install haproxy) ...");
    const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
    let result = spawnSync("apt-get", ["install", "-y", "-qq", "haproxy"], { stdio: "inherit", env });
    if (result.status !== 0) {
      spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
      result = spawnSync("apt-get", ["install", "-y", "-qq", "haproxy"], { stdio: "inherit", env });
    }
    const installed = findHaproxy();
    if (installed) return installed;
  }
  throw new Error(
    "HAProxy is needed as the load balancer and is not installed. Install it (Debian/Ubuntu: `sudo apt-get install haproxy`, " +
      "macOS: `brew install haproxy`) or point HAPROXY_BIN at the binary, then run this again.",
  );
}

/**
 * The configuration: one frontend per tier, health checks on /livez every 500 ms, and retries on
 * another replica when a connection fails or a replica dies mid-request. A request that already
 * reached a replica is retried only when repeating it is safe: GET/HEAD/OPTIONS, or a write that
 * carries an Idempotency-Key (the API answers a repeat with the first result).
 */
export function haproxyConfig({ frontends }) {
  const lines = [
    "global",
    "  maxconn 4000",
    "  log stderr format raw local0 err",
    "",
    "defaults",
    "  mode http",
    "  log global",
    "  option dontlognull",
    "  timeout connect 1s",
    "  timeout client 75s",
    // Long enough for the slowest page and for Server-Sent Events, which send a comment every 15 s.
    "  timeout server 75s",
    "  timeout http-request 10s",
    "  timeout http-keep-alive 10s",
    "  timeout queue 5s",
    "  option http-keep-alive",
    "  option forwardfor",
    "  retries 3",
    "  option redispatch 1",
    "  retry-on conn-failure empty-response junk-response",
    "  default-server check inter 500ms fastinter 250ms downinter 500ms fall 2 rise 2 observe layer4 error-limit 1 on-error fastinter",
    "",
  ];
  for (const frontend of frontends) {
    lines.push(
      `frontend ${frontend.name}`,
      `  bind 127.0.0.1:${frontend.port}`,
      `  default_backend ${frontend.name}_replicas`,
      "",
      `backend ${frontend.name}_replicas`,
      // Event streams are long-lived: count connections, not requests.
      `  balance ${frontend.balance ?? "leastconn"}`,
      // Writes are forwarded once their (small) body is in; a retry needs the whole request at hand.
      "  option http-buffer-request",
      "  http-request disable-l7-retry if !{ method GET HEAD OPTIONS } !{ req.hdr(idempotency-key) -m found }",
      "  option httpchk GET /livez",
      "  http-check expect status 200",
      ...frontend.servers.map((s) => `  server ${s.name} 127.0.0.1:${s.port}`),
      "",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Starts HAProxy with `frontends`; resolves once every frontend accepts connections. */
export async function startHaproxy({ dir, frontends, log = say }) {
  const bin = ensureHaproxy({ log });
  mkdirSync(dir, { recursive: true });
  const config = path.join(dir, "haproxy.cfg");
  writeFileSync(config, haproxyConfig({ frontends }));
  const check = spawnSync(bin, ["-c", "-q", "-f", config], { encoding: "utf8" });
  if (check.status !== 0) throw new Error(`HAProxy refused its configuration:\n${check.stderr || check.stdout}`);
  const child = spawn(bin, ["-db", "-f", config], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const { portInUse } = await import("./postgres.mjs");
  for (const frontend of frontends) {
    for (let i = 0; !(await portInUse(frontend.port)); i++) {
      if (child.exitCode !== null) throw new Error(`HAProxy exited at start:\n${stderr}`);
      if (i > 100) throw new Error(`HAProxy did not listen on ${frontend.port} within 10 s`);
      await sleep(100);
    }
  }
  return {
    child,
    config,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGUSR1"); // soft stop: finish open requests, then exit
      await Promise.race([exited, sleep(5_000)]);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}
