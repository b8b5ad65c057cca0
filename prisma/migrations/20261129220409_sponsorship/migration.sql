-- CreateEnum
CREATE TYPE "SponsorshipStatus" AS ENUM ('ACTIVE', 'AT_RISK', 'DROPPED_OUT', 'RETURNED', 'COMPLETED', 'TRANSFERRED');

-- CreateTable
CREATE TABLE "SponsorKind" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "nameVi" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "sortOrder" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SponsorKind_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SponsorshipCase" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "ownerTelegramId" BIGINT NOT NULL,
    "pupilName" TEXT,
    "pupilInitials" TEXT,
    "birthYear" INTEGER,
    "schoolName" TEXT,
    "grade" INTEGER NOT NULL,
    "circumstances" TEXT[],
    "circumstanceNote" TEXT,
    "sponsorKindId" INTEGER NOT NULL,
    "sponsorName" TEXT,
    "monthlyAmount" BIGINT NOT NULL,
    "supportKinds" TEXT[],
    "supportNote" TEXT,
    "startedOn" DATE NOT NULL,
    "consentAt" TIMESTAMP(3) NOT NULL,
    "status" "SponsorshipStatus" NOT NULL DEFAULT 'ACTIVE',
    "statusReason" TEXT,
    "checkInMonths" INTEGER NOT NULL DEFAULT 1,
    "nextCheckInOn" DATE NOT NULL,
    "anonymisedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SponsorshipCase_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SponsorshipEvent" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "fromStatus" "SponsorshipStatus",
    "toStatus" "SponsorshipStatus",
    "reason" TEXT,
    "actorTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SponsorshipEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SponsorshipCheckIn" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "attending" BOOLEAN NOT NULL,
    "supportArrived" BOOLEAN,
    "studies" INTEGER NOT NULL,
    "flagNote" TEXT,
    "actorTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SponsorshipCheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SponsorshipSupport" (
    "id" SERIAL NOT NULL,
    "caseId" INTEGER NOT NULL,
    "givenOn" DATE NOT NULL,
    "kind" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "checkInId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SponsorshipSupport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderClaim" (
    "key" TEXT NOT NULL,
    "telegramId" BIGINT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "ReminderClaim_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "SponsorKind_code_key" ON "SponsorKind"("code");

-- CreateIndex
CREATE INDEX "SponsorshipCase_unitId_status_idx" ON "SponsorshipCase"("unitId", "status");

-- CreateIndex
CREATE INDEX "SponsorshipCase_ownerTelegramId_idx" ON "SponsorshipCase"("ownerTelegramId");

-- CreateIndex
CREATE INDEX "SponsorshipCase_nextCheckInOn_idx" ON "SponsorshipCase"("nextCheckInOn");

-- CreateIndex
CREATE INDEX "SponsorshipEvent_caseId_idx" ON "SponsorshipEvent"("caseId");

-- CreateIndex
CREATE INDEX "SponsorshipCheckIn_caseId_idx" ON "SponsorshipCheckIn"("caseId");

-- CreateIndex
CREATE INDEX "SponsorshipSupport_caseId_idx" ON "SponsorshipSupport"("caseId");

-- CreateIndex
CREATE INDEX "SponsorshipSupport_givenOn_idx" ON "SponsorshipSupport"("givenOn");

-- AddForeignKey
ALTER TABLE "SponsorshipCase" ADD CONSTRAINT "SponsorshipCase_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SponsorshipCase" ADD CONSTRAINT "SponsorshipCase_sponsorKindId_fkey" FOREIGN KEY ("sponsorKindId") REFERENCES "SponsorKind"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SponsorshipEvent" ADD CONSTRAINT "SponsorshipEvent_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SponsorshipCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SponsorshipCheckIn" ADD CONSTRAINT "SponsorshipCheckIn_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SponsorshipCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SponsorshipSupport" ADD CONSTRAINT "SponsorshipSupport_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "SponsorshipCase"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- The kinds of sponsor to start from (editable by administrators in the chat).
INSERT INTO "SponsorKind" ("code", "nameVi", "nameEn", "sortOrder", "updatedAt") VALUES
  ('PERSON', 'Cá nhân', 'A person', 10, CURRENT_TIMESTAMP),
  ('FAMILY', 'Gia đình', 'A family', 20, CURRENT_TIMESTAMP),
  ('BRANCH', 'Chi hội khuyến học', 'An association branch', 30, CURRENT_TIMESTAMP),
  ('SCHOOL', 'Nhà trường', 'A school', 40, CURRENT_TIMESTAMP),
  ('BUSINESS', 'Doanh nghiệp', 'A business', 50, CURRENT_TIMESTAMP),
  ('ORGANISATION', 'Cơ quan, tổ chức', 'An agency or organisation', 60, CURRENT_TIMESTAMP);
