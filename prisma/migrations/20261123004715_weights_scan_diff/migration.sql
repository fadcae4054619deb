-- AlterTable
ALTER TABLE "Blob" ADD COLUMN     "scan" JSONB,
ADD COLUMN     "scanStatus" TEXT;

-- AlterTable
ALTER TABLE "Repo" ADD COLUMN     "parameters" BIGINT,
ADD COLUMN     "weightBytes" BIGINT,
ADD COLUMN     "weights" JSONB;

-- CreateTable
CREATE TABLE "TensorDigest" (
    "sha256" TEXT NOT NULL,
    "digests" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TensorDigest_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "TensorDiff" (
    "fromKey" TEXT NOT NULL,
    "toKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "result" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TensorDiff_pkey" PRIMARY KEY ("fromKey","toKey")
);

-- CreateIndex
CREATE INDEX "Repo_parameters_idx" ON "Repo"("parameters");
