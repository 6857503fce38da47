import { catalogVersion, type Db, type EntityRecord } from "@cartograph/db";
import { presentEntitiesAt } from "../entities/present.ts";
import { pick } from "./fields.ts";

/** Entities as the catalog client receives them: the API's served shape (relations, status), cut down to `fields`. */
export async function serve(db: Db, records: EntityRecord[], fields: string[] | undefined): Promise<Record<string, unknown>[]> {
  if (records.length === 0) return [];
  return (await presentEntitiesAt(db, records, await catalogVersion(db))).map((entity) => pick(entity, fields));
}

/** Backstage's own string form of a ref: the kind lower-cased, namespace and name as written. */
export const entityRefOf = (record: EntityRecord) => `${record.kind.toLowerCase()}:${record.namespace}/${record.name}`;
