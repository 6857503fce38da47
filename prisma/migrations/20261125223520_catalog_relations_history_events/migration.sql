-- AlterTable
ALTER TABLE "entities" ADD COLUMN     "source" TEXT,
ADD COLUMN     "status_items" JSONB NOT NULL DEFAULT '[]';

-- CreateTable
CREATE TABLE "relations" (
    "origin_id" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "target_ref" TEXT NOT NULL,

    CONSTRAINT "relations_pkey" PRIMARY KEY ("origin_id","type","target_ref")
);

-- CreateTable
CREATE TABLE "entity_versions" (
    "id" BIGSERIAL NOT NULL,
    "entity_uid" UUID NOT NULL,
    "ref" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "operation" TEXT NOT NULL,
    "descriptor" JSONB,
    "etag" TEXT,
    "actor" TEXT NOT NULL,
    "source" TEXT,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "entity_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "change_events" (
    "id" BIGSERIAL NOT NULL,
    "entity_uid" UUID NOT NULL,
    "ref" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "etag" TEXT,
    "actor" TEXT NOT NULL,
    "source" TEXT,
    "request_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "change_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "relations_target_ref_idx" ON "relations"("target_ref");

-- CreateIndex
CREATE INDEX "entity_versions_ref_id_idx" ON "entity_versions"("ref", "id");

-- CreateIndex
CREATE UNIQUE INDEX "entity_versions_entity_uid_version_key" ON "entity_versions"("entity_uid", "version");

-- CreateIndex
CREATE INDEX "change_events_created_at_idx" ON "change_events"("created_at");

-- CreateIndex
CREATE INDEX "entities_source_idx" ON "entities"("source");

-- AddForeignKey
ALTER TABLE "relations" ADD CONSTRAINT "relations_origin_id_fkey" FOREIGN KEY ("origin_id") REFERENCES "entities"("id") ON DELETE CASCADE ON UPDATE CASCADE;

