import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

/** One audit record. Never put a secret or a password in any field. */
export interface AuditInput {
  actor: string;
  actorLabel?: string | null;
  action: string;
  target?: string | null;
  outcome: "success" | "failure" | "denied";
  requestId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditRecord {
  id: string;
  at: Date;
  actor: string;
  actorLabel: string | null;
  action: string;
  target: string | null;
  outcome: "success" | "failure" | "denied";
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown> | null;
}

/** Anything that runs a tagged statement: the Db's pool, or a Prisma transaction (so the record commits with the change). */
export type SqlRunner = { $executeRaw(query: TemplateStringsArray | Prisma.Sql, ...values: unknown[]): Promise<number> };

const insertSql = (events: AuditInput[]) => Prisma.sql`
  INSERT INTO audit_events (actor, actor_label, action, target, outcome, request_id, ip, user_agent, details)
  SELECT actor, actor_label, action, target, outcome, request_id, ip, user_agent, details
    FROM json_to_recordset(${JSON.stringify(
      events.map((e) => ({
        actor: e.actor,
        actor_label: e.actorLabel ?? null,
        action: e.action,
        target: e.target ?? null,
        outcome: e.outcome,
        request_id: e.requestId ?? null,
        ip: e.ip ?? null,
        user_agent: e.userAgent ? e.userAgent.slice(0, 500) : null,
        details: e.details ?? null,
      })),
    )}::json)
      AS v(actor text, actor_label text, action text, target text, outcome text, request_id text, ip text, user_agent text, details jsonb)`;

/** Writes audit records with `runner`: pass the transaction of the change they describe. */
export async function recordAudit(runner: SqlRunner, ...events: AuditInput[]): Promise<void> {
  if (events.length === 0) return;
  await runner.$executeRaw(insertSql(events));
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  target?: string;
  outcome?: string;
  from?: Date;
  to?: Date;
  /** Records older than this id (the cursor), newest first. */
  beforeId?: string;
  limit: number;
}

/** Newest first, keyset on id. */
export async function listAudit(db: Db, filter: AuditFilter): Promise<{ items: AuditRecord[]; nextBeforeId?: string }> {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.actor) conditions.push(Prisma.sql`(actor = ${filter.actor} OR actor_label = ${filter.actor})`);
  if (filter.action) conditions.push(Prisma.sql`action = ${filter.action}`);
  if (filter.target) conditions.push(Prisma.sql`target = ${filter.target}`);
  if (filter.outcome) conditions.push(Prisma.sql`outcome = ${filter.outcome}`);
  if (filter.from) conditions.push(Prisma.sql`at >= ${filter.from}`);
  if (filter.to) conditions.push(Prisma.sql`at < ${filter.to}`);
  if (filter.beforeId) conditions.push(Prisma.sql`id < ${filter.beforeId}::bigint`);
  const rows = await db.query<AuditRecord>(Prisma.sql`
    SELECT id::text AS id, at, actor, actor_label AS "actorLabel", action, target, outcome, request_id AS "requestId", ip,
           user_agent AS "userAgent", details
      FROM audit_events WHERE ${Prisma.join(conditions, " AND ")}
     ORDER BY id DESC LIMIT ${filter.limit + 1}`);
  const items = rows.slice(0, filter.limit);
  return { items, ...(rows.length > filter.limit ? { nextBeforeId: items.at(-1)!.id } : {}) };
}
