-- CreateEnum
CREATE TYPE "OrgRole" AS ENUM ('admin', 'write', 'read');

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "isOrg" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "OrgMember" (
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "OrgRole" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgMember_pkey" PRIMARY KEY ("orgId","userId")
);

-- CreateTable
CREATE TABLE "OrgInvite" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "OrgRole" NOT NULL,
    "invitedById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OrgInvite_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "OrgMember_userId_idx" ON "OrgMember"("userId");

-- CreateIndex
CREATE INDEX "OrgInvite_userId_idx" ON "OrgInvite"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "OrgInvite_orgId_userId_key" ON "OrgInvite"("orgId", "userId");
