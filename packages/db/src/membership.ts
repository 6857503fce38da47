import type { Db } from "./client.ts";
import { Prisma } from "./generated/prisma/client.ts";

export interface Membership {
  /** The User entities whose spec.profile.email is the account's email (normally one). */
  userRefs: string[];
  /** Every group they belong to: directly (memberOf, or the group's members) and every parent group above those. */
  groupRefs: string[];
}

/**
 * What an account is in the catalog, read from the catalog itself: the User entity with the
 * account's email, its groups from either side (User memberOf, Group members) and, transitively,
 * their parents from either side (Group parent, or the parent's children). One query; cycles in
 * the hierarchy end because UNION drops groups already reached.
 */
export async function membershipOf(db: Db, email: string): Promise<Membership> {
  const [row] = await db.query<{ users: string[] | null; groups: string[] | null }>(
    Prisma.sql`
      WITH RECURSIVE me AS (
        SELECT e.id, e.ref FROM entities e
         WHERE e.kind_key = 'user' AND lower(e.spec #>> '{profile,email}') = lower(${email})
      ), direct(ref) AS (
        SELECT r.target_ref FROM relations r JOIN me ON r.origin_id = me.id WHERE r.type = 'memberOf'
        UNION
        SELECT g.ref FROM relations r JOIN me ON r.target_ref = me.ref JOIN entities g ON g.id = r.origin_id WHERE r.type = 'hasMember'
      ), groups(ref) AS (
        SELECT ref FROM direct
        UNION
        SELECT up.ref FROM groups c CROSS JOIN LATERAL (
          SELECT r.target_ref AS ref FROM entities child JOIN relations r ON r.origin_id = child.id AND r.type = 'childOf' WHERE child.ref = c.ref
          UNION ALL
          SELECT parent.ref FROM relations r JOIN entities parent ON parent.id = r.origin_id WHERE r.type = 'parentOf' AND r.target_ref = c.ref
        ) up
      )
      SELECT (SELECT array_agg(ref ORDER BY ref) FROM me) AS users, (SELECT array_agg(ref ORDER BY ref) FROM groups) AS groups`,
    { prepare: true },
  );
  return { userRefs: row?.users ?? [], groupRefs: row?.groups ?? [] };
}
