import type { Logger } from "pino";
import { describe, expect, it, vi } from "vitest";
import { useTestApp } from "../../test-support.ts";
import { ensureFirstAdmin } from "./first-admin.ts";
import { auditRows, signIn } from "./test-helpers.ts";

const t = useTestApp({ anonymousRead: false });

const fakeLogger = () => ({ info: vi.fn(), warn: vi.fn() });
const ADMIN = { email: "Root@Example.com", password: "granite lantern meadow 7" };

describe("ensureFirstAdmin", () => {
  it("creates the admin once, even when replicas start together, audited as system, one log line each", async () => {
    const loggers = [fakeLogger(), fakeLogger(), fakeLogger()];
    await Promise.all(loggers.map((logger) => ensureFirstAdmin({ db: t.db, logger: logger as unknown as Logger }, ADMIN)));
    const admins = await t.db.prisma.account.findMany({ where: { role: "admin" } });
    expect(admins.map((a) => [a.email, a.disabled])).toEqual([["root@example.com", false]]);
    expect(await auditRows(t, "user.created")).toEqual([
      { actor: "system", actorLabel: "CARTOGRAPH_ADMIN_EMAIL", action: "user.created", target: `account:${admins[0]!.id}`, outcome: "success", details: { email: "root@example.com", role: "admin" } },
    ]);
    const lines = loggers.map((l) => [...l.info.mock.calls, ...l.warn.mock.calls].map((c) => c.at(-1)));
    expect(lines.every((l) => l.length === 1)).toBe(true);
    expect(lines.flat().filter((l) => /created/.test(l))).toEqual(["first admin account root@example.com created"]);
    expect((await signIn(t, ADMIN.email, ADMIN.password)).status).toBe(201);

    // A restart later: nothing changes.
    await ensureFirstAdmin({ db: t.db, logger: fakeLogger() as unknown as Logger }, { ...ADMIN, password: "another password entirely" });
    expect((await signIn(t, ADMIN.email, ADMIN.password)).status).toBe(201);
  });

  it("makes the configured account an enabled admin again when no enabled admin is left", async () => {
    const root = await t.db.prisma.account.update({ where: { email: "root@example.com" }, data: { disabled: true, role: "viewer" } });
    const logger = fakeLogger();
    await ensureFirstAdmin({ db: t.db, logger: logger as unknown as Logger }, { email: ADMIN.email, password: "fresh granite meadow 8" });
    expect(await t.db.prisma.account.findUniqueOrThrow({ where: { id: root.id } })).toMatchObject({ role: "admin", disabled: false });
    expect((await signIn(t, ADMIN.email, "fresh granite meadow 8")).status).toBe(201);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(await auditRows(t, "user.admin_restored")).toEqual([
      expect.objectContaining({ actor: "system", target: `account:${root.id}`, details: { email: "root@example.com", roleBefore: "viewer", wasDisabled: true } }),
    ]);
  });
});
