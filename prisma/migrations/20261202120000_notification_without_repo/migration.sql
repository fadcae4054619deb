-- An organization invitation is a notification about no repo.
ALTER TABLE "Notification" ALTER COLUMN "repoId" DROP NOT NULL;
