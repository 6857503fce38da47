-- CreateTable
CREATE TABLE "read_fences" (
    "principal" TEXT NOT NULL,
    "lsn" pg_lsn NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "read_fences_pkey" PRIMARY KEY ("principal")
);

