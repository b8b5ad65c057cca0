-- CreateEnum
CREATE TYPE "ReportPeriod" AS ENUM ('H1', 'YEAR');

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('DRAFT', 'SUBMITTED', 'REOPENED');

-- CreateEnum
CREATE TYPE "DeadlineKind" AS ENUM ('REPORT', 'EVALUATION', 'EVENT');

-- CreateTable
CREATE TABLE "ReportTemplate" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "content" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReportTemplate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Report" (
    "id" SERIAL NOT NULL,
    "unitId" INTEGER NOT NULL,
    "templateId" INTEGER NOT NULL,
    "templateKey" TEXT NOT NULL,
    "period" "ReportPeriod" NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "ReportStatus" NOT NULL DEFAULT 'DRAFT',
    "lateFor" DATE,
    "submittedAt" TIMESTAMP(3),
    "submittedByTelegramId" BIGINT,
    "reopenedAt" TIMESTAMP(3),
    "reopenedByTelegramId" BIGINT,
    "reopenComment" TEXT,
    "createdByTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReportValue" (
    "id" SERIAL NOT NULL,
    "reportId" INTEGER NOT NULL,
    "fieldId" TEXT NOT NULL,
    "value" JSONB,
    "known" JSONB,
    "source" TEXT,
    "sourceDetail" JSONB,
    "answeredByTelegramId" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReportValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Deadline" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "name" JSONB NOT NULL,
    "kind" "DeadlineKind" NOT NULL,
    "templateKey" TEXT,
    "period" "ReportPeriod",
    "model" "LearningModel",
    "unitKinds" "UnitKind"[],
    "roles" "Role"[],
    "dueOn" DATE NOT NULL,
    "steps" INTEGER[],
    "active" BOOLEAN NOT NULL DEFAULT true,
    "updatedByTelegramId" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Deadline_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ReportTemplate_key_version_key" ON "ReportTemplate"("key", "version");

-- CreateIndex
CREATE INDEX "Report_year_period_status_idx" ON "Report"("year", "period", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Report_unitId_templateKey_year_period_key" ON "Report"("unitId", "templateKey", "year", "period");

-- CreateIndex
CREATE UNIQUE INDEX "ReportValue_reportId_fieldId_key" ON "ReportValue"("reportId", "fieldId");

-- CreateIndex
CREATE INDEX "Deadline_dueOn_idx" ON "Deadline"("dueOn");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_key_year_key" ON "Deadline"("key", "year");

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Report" ADD CONSTRAINT "Report_templateId_fkey" FOREIGN KEY ("templateId") REFERENCES "ReportTemplate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReportValue" ADD CONSTRAINT "ReportValue_reportId_fkey" FOREIGN KEY ("reportId") REFERENCES "Report"("id") ON DELETE CASCADE ON UPDATE CASCADE;

