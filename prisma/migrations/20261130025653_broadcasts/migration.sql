-- CreateEnum
CREATE TYPE "BroadcastStatus" AS ENUM ('SCHEDULED', 'SENDING', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "BroadcastAudience" AS ENUM ('EVERYONE', 'REPORTERS', 'COORDINATORS');

-- CreateTable
CREATE TABLE "Broadcast" (
    "id" SERIAL NOT NULL,
    "senderTelegramId" BIGINT NOT NULL,
    "senderName" TEXT NOT NULL,
    "unitIds" INTEGER[],
    "audience" "BroadcastAudience" NOT NULL,
    "text" TEXT NOT NULL,
    "entities" JSONB,
    "mediaKind" TEXT,
    "mediaFileId" TEXT,
    "parts" INTEGER NOT NULL,
    "askAck" BOOLEAN NOT NULL,
    "scheduledAt" TIMESTAMP(3) NOT NULL,
    "status" "BroadcastStatus" NOT NULL,
    "recipients" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "progressChatId" BIGINT,
    "progressMessageId" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Broadcast_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BroadcastAck" (
    "id" SERIAL NOT NULL,
    "broadcastId" INTEGER NOT NULL,
    "telegramId" BIGINT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BroadcastAck_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Broadcast_status_scheduledAt_idx" ON "Broadcast"("status", "scheduledAt");

-- CreateIndex
CREATE INDEX "Broadcast_senderTelegramId_createdAt_idx" ON "Broadcast"("senderTelegramId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "BroadcastAck_broadcastId_telegramId_key" ON "BroadcastAck"("broadcastId", "telegramId");

-- AddForeignKey
ALTER TABLE "BroadcastAck" ADD CONSTRAINT "BroadcastAck_broadcastId_fkey" FOREIGN KEY ("broadcastId") REFERENCES "Broadcast"("id") ON DELETE CASCADE ON UPDATE CASCADE;

