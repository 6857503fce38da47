// Shared by the auth and admin integration tests: accounts made straight in the database, sign-in through the API.
import { insertAccount, type AccountRecord } from "@cartograph/db";
import request from "supertest";
import { expect } from "vitest";
import { ADMIN_TOKEN, type TestApp } from "../../test-support.ts";
import { hashPassword } from "./password.ts";

export const PASSWORD = "plum tractor sideways 42";
export const adminAuth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

let hashed: Promise<string> | undefined;
let addresses = 0;

/** A client address of its own (the app trusts X-Forwarded-For from loopback), so per-address sign-in limits do not leak between tests. */
export const freshIp = () => {
  addresses += 1;
  return `10.${(process.pid >> 8) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

let emails = 0;
export const freshEmail = (name = "user") => `${name}.${process.pid}.${++emails}@example.com`;

export async function createAccount(t: TestApp, input: { email?: string; role?: "viewer" | "editor" | "admin"; displayName?: string; password?: string } = {}): Promise<AccountRecord> {
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = input.password ? await hashPassword(input.password) : await hashed;
  const email = input.email ?? freshEmail(input.role ?? "user");
  const account = await insertAccount(t.db, { email, displayName: input.displayName ?? email.split("@")[0]!, role: input.role ?? "viewer", passwordHash }, () => []);
  if (!account) throw new Error(`account ${email} exists`);
  return account;
}

export function signIn(t: TestApp, email: string, password = PASSWORD, ip = freshIp()) {
  return request(t.app).post("/api/v1/auth/sign-in").set("X-Forwarded-For", ip).send({ email, password });
}

/** Signs in and returns the session token. */
export async function sessionFor(t: TestApp, account: Pick<AccountRecord, "email">, password = PASSWORD): Promise<string> {
  const res = await signIn(t, account.email, password);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.token as string;
}

/** No secret ever leaves the API in a response body: not a password, nor any hash. */
export function expectNoSecrets(res: request.Response, ...secrets: string[]): void {
  const text = res.text ?? "";
  expect(text).not.toMatch(/"(password|passwordHash|password_hash|tokenHash|token_hash)"\s*:/);
  expect(text).not.toMatch(/scrypt\$/);
  for (const secret of [PASSWORD, ...secrets]) expect(text).not.toContain(secret);
}

export interface AuditRow {
  actor: string;
  actorLabel: string | null;
  action: string;
  target: string | null;
  outcome: string;
  details: Record<string, unknown> | null;
}

/** Audit records, oldest first, optionally of one action. */
export async function auditRows(t: TestApp, action?: string): Promise<AuditRow[]> {
  const rows = await t.db.prisma.auditEvent.findMany({ where: action ? { action } : {}, orderBy: { id: "asc" } });
  return rows.map((r) => ({ actor: r.actor, actorLabel: r.actorLabel, action: r.action, target: r.target, outcome: r.outcome, details: r.details as AuditRow["details"] }));
}

/** The newest audit record matching `where`, every column (request id, client address and user agent included). */
export function latestAudit(t: TestApp, where: { action: string; target?: string; outcome?: string }) {
  return t.db.prisma.auditEvent.findFirst({ where, orderBy: { id: "desc" } });
}

/** The request id the API gave a request (echoed in `x-request-id`), which its audit records must carry. */
export const requestIdOf = (res: request.Response): string => res.headers["x-request-id"] as string;
