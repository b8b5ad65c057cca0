-- CreateEnum
CREATE TYPE "PiggyBankRecipientKind" AS ENUM ('HOUSEHOLD', 'PUPIL', 'CLASS');

-- CreateEnum
CREATE TYPE "PiggyBankOpeningStatus" AS ENUM ('SUBMITTED', 'NEEDS_CORRECTION', 'APPROVED');

-- CreateTable
CREATE TABLE "PiggyBankDrive" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "recipientKind" "PiggyBankRecipientKind" NOT NULL,
    "banksHandedOut" INTEGER NOT NULL,
    "note" TEXT,
    "createdByTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PiggyBankDrive_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PiggyBankYearAllowance" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "schoolYear" INTEGER NOT NULL,
    "maxDrives" INTEGER NOT NULL,
    "grantedByTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PiggyBankYearAllowance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PiggyBankOpening" (
    "id" SERIAL NOT NULL,
    "driveId" INTEGER NOT NULL,
    "openedOn" DATE NOT NULL,
    "banksOpened" INTEGER NOT NULL,
    "amountCollected" BIGINT NOT NULL,
    "scholarshipCount" INTEGER NOT NULL,
    "scholarshipAmount" BIGINT NOT NULL,
    "suppliesAmount" BIGINT NOT NULL,
    "fundAmount" BIGINT NOT NULL,
    "otherAmount" BIGINT NOT NULL,
    "otherNote" TEXT,
    "photoFileId" TEXT,
    "status" "PiggyBankOpeningStatus" NOT NULL DEFAULT 'SUBMITTED',
    "reviewComment" TEXT,
    "reviewedByTelegramId" BIGINT,
    "reviewedAt" TIMESTAMP(3),
    "createdByTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PiggyBankOpening_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PiggyBankDrive_unitId_schoolYear_idx" ON "PiggyBankDrive"("unitId", "schoolYear");

-- CreateIndex
CREATE INDEX "PiggyBankDrive_schoolYear_idx" ON "PiggyBankDrive"("schoolYear");

-- CreateIndex
CREATE UNIQUE INDEX "PiggyBankYearAllowance_unitId_schoolYear_key" ON "PiggyBankYearAllowance"("unitId", "schoolYear");

-- CreateIndex
CREATE INDEX "PiggyBankOpening_driveId_idx" ON "PiggyBankOpening"("driveId");

-- CreateIndex
CREATE INDEX "PiggyBankOpening_status_idx" ON "PiggyBankOpening"("status");

-- AddForeignKey
ALTER TABLE "PiggyBankDrive" ADD CONSTRAINT "PiggyBankDrive_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PiggyBankYearAllowance" ADD CONSTRAINT "PiggyBankYearAllowance_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PiggyBankOpening" ADD CONSTRAINT "PiggyBankOpening_driveId_fkey" FOREIGN KEY ("driveId") REFERENCES "PiggyBankDrive"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

