import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, freePort, startTestApp, type TestApp } from "../../test-support.ts";

// Sessions, revocations and sign-in limits live in PostgreSQL only: what one API replica does,
// another API *process* on the same database sees at once.
const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

let t: TestApp;
let other: ChildProcess;
let otherUrl: string;
const admin = { Authorization: `Bearer ${ADMIN_TOKEN}` };

beforeAll(async () => {
  t = await startTestApp({ anonymousRead: false });
  const port = await freePort();
  otherUrl = `http://127.0.0.1:${port}`;
  other = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: apiDir,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: t.database.url, CARTOGRAPH_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "silent", NODE_ENV: "test" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    const ready = await fetch(`${otherUrl}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (i > 150) throw new Error("the second API process did not become ready");
    await new Promise((r) => setTimeout(r, 100));
  }
  const res = await request(t.app).post("/api/v1/admin/users").set(admin).send({ email: "rita@example.com", displayName: "Rita", role: "viewer", password: "a long enough passphrase 42" });
  expect(res.status).toBe(201);
}, 30_000);

afterAll(async () => {
  if (other && other.exitCode === null) {
    const exited = new Promise((r) => other.once("exit", r));
    other.kill("SIGTERM");
    await exited;
  }
  await t.close();
});

const onOther = (p: string, secret?: string, init: RequestInit = {}) =>
  fetch(`${otherUrl}${p}`, { ...init, headers: { ...(secret ? { authorization: `Bearer ${secret}` } : {}), ...(init.headers ?? {}) } });

describe("a second API process on the same database", () => {
  it("honours a session made by the first and sees its sign-out at once", async () => {
    const signIn = await request(t.app).post("/api/v1/auth/sign-in").send({ email: "rita@example.com", password: "a long enough passphrase 42" });
    expect(signIn.status).toBe(201);
    const session = signIn.body.token as string;
    const me = await onOther("/api/v1/auth/me", session);
    expect(me.status).toBe(200);
    expect(((await me.json()) as { account: { email: string } }).account.email).toBe("rita@example.com");

    expect((await request(t.app).post("/api/v1/auth/sign-out").set("Authorization", `Bearer ${session}`)).status).toBe(204);
    const after = await onOther("/api/v1/entities", session);
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe("session_invalid");
  });

  it("refuses a token the first revoked, on the very next request", async () => {
    const created = await request(t.app).post("/api/v1/admin/tokens").set(admin).send({ name: "ci", scopes: ["catalog:read"] });
    expect(created.status).toBe(201);
    expect((await onOther("/api/v1/entities", created.body.token)).status).toBe(200);
    expect((await request(t.app).delete(`/api/v1/admin/tokens/${created.body.id}`).set(admin)).status).toBe(204);
    const refused = await onOther("/api/v1/entities", created.body.token);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { code: string }).code).toBe("token_revoked");
  });

  it("keeps an account locked out whichever process the next attempt reaches", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await request(t.app).post("/api/v1/auth/sign-in").send({ email: "rita@example.com", password: `wrong guess number ${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await onOther("/api/v1/auth/sign-in", undefined, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "rita@example.com", password: "a long enough passphrase 42" }),
    });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
