-- DropForeignKey
ALTER TABLE "relations" DROP CONSTRAINT "relations_origin_id_fkey";

-- DropForeignKey
ALTER TABLE "entity_search" DROP CONSTRAINT "entity_search_entity_id_fkey";


-- Search rows for keys answered from entity columns are never read (UNINDEXED_COLUMN_KEYS in packages/db/src/catalog-query.ts).
DELETE FROM "entity_search" WHERE "key" IN ('kind', 'metadata.namespace', 'spec.type', 'spec.lifecycle');
