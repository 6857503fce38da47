import { AuditListResponseSchema, type AuditEvent } from "@cartograph/contracts";
import { recordAudit } from "@cartograph/db";
import request from "supertest";
import { beforeAll, describe, expect, it } from "vitest";
import { useTestApp } from "../../test-support.ts";
import { adminAuth, expectNoSecrets } from "../auth/test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const audit = (query = "") => request(t.app).get(`/api/v1/admin/audit${query}`).set(adminAuth);

beforeAll(async () => {
  // The first one dated in the future, so a time range can single it out (inserting is all the log allows).
  await t.db.prisma.$executeRaw`
    INSERT INTO audit_events (at, actor, actor_label, action, target, outcome)
    VALUES ('2030-01-01T00:00:00Z', 'account:a1', 'ann@example.com', 'user.created', 'account:x1', 'success')`;
  await recordAudit(
    t.db.prisma,
    { actor: "account:a1", actorLabel: "ann@example.com", action: "token.created", target: "token:t1", outcome: "success", details: { name: "ci" } },
    { actor: "account:b2", actorLabel: "bob@example.com", action: "user.created", target: "account:x2", outcome: "success" },
    { actor: "anonymous", action: "auth.sign_in", target: "ghost@example.com", outcome: "failure", details: { reason: "unknown_account" } },
  );
});

const targets = (items: AuditEvent[]) => items.map((e) => e.target);

describe("GET /api/v1/admin/audit", () => {
  it("lists newest first, in the contract's shape", async () => {
    const res = await audit();
    expect(res.status).toBe(200);
    const page = AuditListResponseSchema.parse(res.body);
    expect(targets(page.items).slice(0, 4)).toEqual(["ghost@example.com", "account:x2", "token:t1", "account:x1"]);
    expect(page.items[0]).toMatchObject({ actor: "anonymous", outcome: "failure", details: { reason: "unknown_account" }, at: expect.stringMatching(/Z$/) });
    expectNoSecrets(res);
  });

  it.each([
    ["actor id", "?actor=account:a1", ["token:t1", "account:x1"]],
    ["actor email", "?actor=bob@example.com", ["account:x2"]],
    ["action", "?action=user.created", ["account:x2", "account:x1"]],
    ["target", "?target=token:t1", ["token:t1"]],
    ["outcome", "?outcome=failure&actor=anonymous", ["ghost@example.com"]],
    ["time range", "?from=2029-12-31T00:00:00Z&to=2030-01-02T00:00:00Z", ["account:x1"]],
    ["several filters", "?actor=account:a1&action=user.created", ["account:x1"]],
  ])("filters by %s", async (_case, query, expected) => {
    const res = await audit(query);
    expect(res.status).toBe(200);
    expect(targets(res.body.items)).toEqual(expected);
  });

  it("pages with a cursor", async () => {
    const first = (await audit("?limit=2&actor=account:a1")).body;
    expect(targets(first.items)).toEqual(["token:t1", "account:x1"]);
    expect(first.pageInfo.nextCursor).toBeUndefined();
    const a = (await audit("?limit=1&action=user.created")).body;
    expect(targets(a.items)).toEqual(["account:x2"]);
    const b = (await audit(`?limit=1&action=user.created&cursor=${a.pageInfo.nextCursor}`)).body;
    expect(targets(b.items)).toEqual(["account:x1"]);
    expect(b.pageInfo).toEqual({});
  });

  it.each([
    ["a bad cursor", "?cursor=xyz", "invalid_cursor"],
    ["a bad outcome", "?outcome=maybe", "invalid_query"],
    ["a bad date", "?from=yesterday", "invalid_query"],
    ["an unknown parameter", "?who=ann", "invalid_query"],
  ])("refuses %s with 400", async (_case, query, code) => {
    const res = await audit(query);
    expect([res.status, res.body.code]).toEqual([400, code]);
  });

  it("is for admins only, and the log cannot be changed", async () => {
    expect((await request(t.app).get("/api/v1/admin/audit")).status).toBe(401);
    await expect(t.db.prisma.$executeRaw`DELETE FROM audit_events`).rejects.toThrow(/append-only/);
  });
});
