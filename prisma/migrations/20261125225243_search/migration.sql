-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- AlterTable
ALTER TABLE "entities" ADD COLUMN     "search_text" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "search_vector" tsvector;

-- CreateTable
CREATE TABLE "entity_search" (
    "entity_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,

    CONSTRAINT "entity_search_pkey" PRIMARY KEY ("entity_id","key","value")
);

-- CreateIndex
CREATE INDEX "entity_search_key_value_idx" ON "entity_search"("key", "value");

-- CreateIndex
CREATE INDEX "entities_search_vector_idx" ON "entities" USING GIN ("search_vector");

-- CreateIndex
CREATE INDEX "entities_search_text_trgm_idx" ON "entities" USING GIN ("search_text" gin_trgm_ops);

-- AddForeignKey
ALTER TABLE "entity_search" ADD CONSTRAINT "entity_search_entity_id_fkey" FOREIGN KEY ("entity_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

