-- CreateEnum
CREATE TYPE "LearningModel" AS ENUM ('FAMILY', 'CLAN', 'COMMUNITY', 'UNIT');

-- CreateEnum
CREATE TYPE "EvaluationStatus" AS ENUM ('IN_PROGRESS', 'SUBMITTED', 'RETURNED', 'APPROVED', 'REJECTED', 'RECOGNISED');

-- CreateTable
CREATE TABLE "CriteriaSet" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "model" "LearningModel" NOT NULL,
    "status" TEXT NOT NULL,
    "content" JSONB NOT NULL,
    "checksum" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "loadedByTelegramId" BIGINT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CriteriaSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriteriaInForce" (
    "id" SERIAL NOT NULL,
    "model" "LearningModel" NOT NULL,
    "year" INTEGER NOT NULL,
    "criteriaSetId" INTEGER NOT NULL,
    "setByTelegramId" BIGINT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CriteriaInForce_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LearningRegistration" (
    "id" SERIAL NOT NULL,
    "model" "LearningModel" NOT NULL,
    "year" INTEGER NOT NULL,
    "unitId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "searchKey" TEXT NOT NULL,
    "village" TEXT,
    "memberCount" INTEGER,
    "memberTelegramId" BIGINT,
    "registeredByTelegramId" BIGINT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LearningRegistration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Evaluation" (
    "id" SERIAL NOT NULL,
    "registrationId" INTEGER NOT NULL,
    "criteriaSetId" INTEGER NOT NULL,
    "status" "EvaluationStatus" NOT NULL DEFAULT 'IN_PROGRESS',
    "total" INTEGER NOT NULL DEFAULT 0,
    "grade" TEXT,
    "submittedAt" TIMESTAMP(3),
    "submittedByTelegramId" BIGINT,
    "reviewComment" TEXT,
    "reviewedByTelegramId" BIGINT,
    "reviewedAt" TIMESTAMP(3),
    "recognisedByTelegramId" BIGINT,
    "recognisedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvaluationAnswer" (
    "id" SERIAL NOT NULL,
    "evaluationId" INTEGER NOT NULL,
    "itemId" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "note" TEXT,
    "photoFileId" TEXT,
    "answeredByTelegramId" BIGINT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "EvaluationAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaSet_key_version_key" ON "CriteriaSet"("key", "version");

-- CreateIndex
CREATE UNIQUE INDEX "CriteriaInForce_model_year_key" ON "CriteriaInForce"("model", "year");

-- CreateIndex
CREATE INDEX "LearningRegistration_unitId_year_idx" ON "LearningRegistration"("unitId", "year");

-- CreateIndex
CREATE UNIQUE INDEX "LearningRegistration_model_year_unitId_searchKey_key" ON "LearningRegistration"("model", "year", "unitId", "searchKey");

-- CreateIndex
CREATE UNIQUE INDEX "Evaluation_registrationId_key" ON "Evaluation"("registrationId");

-- CreateIndex
CREATE INDEX "Evaluation_status_idx" ON "Evaluation"("status");

-- CreateIndex
CREATE UNIQUE INDEX "EvaluationAnswer_evaluationId_itemId_key" ON "EvaluationAnswer"("evaluationId", "itemId");

-- AddForeignKey
ALTER TABLE "CriteriaInForce" ADD CONSTRAINT "CriteriaInForce_criteriaSetId_fkey" FOREIGN KEY ("criteriaSetId") REFERENCES "CriteriaSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LearningRegistration" ADD CONSTRAINT "LearningRegistration_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_registrationId_fkey" FOREIGN KEY ("registrationId") REFERENCES "LearningRegistration"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evaluation" ADD CONSTRAINT "Evaluation_criteriaSetId_fkey" FOREIGN KEY ("criteriaSetId") REFERENCES "CriteriaSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvaluationAnswer" ADD CONSTRAINT "EvaluationAnswer_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "Evaluation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

