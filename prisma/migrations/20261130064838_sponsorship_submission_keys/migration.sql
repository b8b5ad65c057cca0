-- AlterTable
ALTER TABLE "SponsorshipCase" ADD COLUMN     "submissionKey" TEXT;

-- AlterTable
ALTER TABLE "SponsorshipCheckIn" ADD COLUMN     "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "SponsorshipCase_submissionKey_key" ON "SponsorshipCase"("submissionKey");

-- CreateIndex
CREATE UNIQUE INDEX "SponsorshipCheckIn_submissionKey_key" ON "SponsorshipCheckIn"("submissionKey");

