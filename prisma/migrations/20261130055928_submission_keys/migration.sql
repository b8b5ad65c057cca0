-- AlterTable
ALTER TABLE "Broadcast" ADD COLUMN     "submissionKey" TEXT;

-- AlterTable
ALTER TABLE "PiggyBankOpening" ADD COLUMN     "submissionKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Broadcast_submissionKey_key" ON "Broadcast"("submissionKey");

-- CreateIndex
CREATE UNIQUE INDEX "PiggyBankOpening_submissionKey_key" ON "PiggyBankOpening"("submissionKey");

