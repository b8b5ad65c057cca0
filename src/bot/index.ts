// createBot: builds the whole bot (plugins, features, conversations) with no
// side effects; main.ts, the simulator and the tests start it.
import { Bot, session, type ApiClientOptions } from "grammy";
import { sequentialize } from "@grammyjs/runner";
import type { UserFromGetMe } from "grammy/types";
import { conversations, createConversation } from "@grammyjs/conversations";
import { grammyDefaultFetch, retryTransformers, retryingFetch } from "./retry.ts";
import { apiThrottler } from "@grammyjs/transformer-throttler";
import { PrismaAdapter } from "@grammyjs/storage-prisma";
import type { Logger } from "pino";
import type { Db } from "../db/database.ts";
import type { Services } from "../services/index.ts";
import type { BotContext, FlowContext, SessionData } from "./context.ts";
import { createI18n, flowI18n } from "./i18n.ts";
import { JOIN_BY_INVITE, JOIN_BY_REQUEST, joinByInvite, joinByRequest } from "./conversations/join.ts";
import { unitFlows } from "./conversations/units.ts";
import { INVITE_CREATE, inviteCreate } from "./conversations/invites.ts";
import { PIGGY_DRIVE_START, driveStart } from "./conversations/piggy-drive.ts";
import { PIGGY_OPENING_CORRECT, PIGGY_OPENING_RECORD, openingCorrect, openingRecord } from "./conversations/piggy-openings.ts";
import { PIGGY_REVIEW_COMMENT, reviewComment } from "./conversations/piggy-review.ts";
import { PIGGY_ALLOW_EXTRA, allowExtra } from "./conversations/piggy-allow.ts";
import { SPONSOR_OPEN, sponsorOpen } from "./conversations/sponsor-open.ts";
import { LEARNING_REGISTER, learningRegister } from "./conversations/learning-register.ts";
import { LEARNING_EVALUATE, learningEvaluate } from "./conversations/learning-evaluate.ts";
import { LEARNING_REVIEW_COMMENT, learningReviewComment } from "./conversations/learning-review.ts";
import { SPONSOR_CHECK_IN, SPONSOR_STATUS, sponsorCheckIn, sponsorStatus } from "./conversations/sponsor-follow.ts";
import { SPONSOR_KIND_ADD, sponsorKindAdd } from "./conversations/sponsor-kinds.ts";
import { loadPerson, logPerUpdate, flowsYieldToCommands, handleError } from "./middlewares/index.ts";
import { createNotifier } from "./notify.ts";
import { startFeature } from "./features/start.ts";
import { menuFeature, sendMenu } from "./features/menu.ts";
import { profileFeature } from "./features/profile.ts";
import { unitsFeature } from "./features/units.ts";
import { membersFeature } from "./features/members.ts";
import { invitesFeature } from "./features/invites.ts";
import { joinRequestsFeature } from "./features/join-requests.ts";
import { piggyBanksFeature } from "./features/piggy-banks.ts";
import { sponsorshipsFeature } from "./features/sponsorships.ts";
import { learningFeature } from "./features/learning.ts";
import { learningReviewFeature } from "./features/learning-review.ts";
import { learningCertificateFeature } from "./features/learning-certificate.ts";
import { reportsFeature } from "./features/reports.ts";
import { REPORT_FILL, reportFill } from "./conversations/report-fill.ts";
import { REPORT_REOPEN, reportReopen } from "./conversations/report-reopen.ts";
import { createReportNotifier } from "./notify-reports.ts";
import { DEADLINE_EDIT, deadlineEdit } from "./conversations/deadline-edit.ts";
import { DEADLINE_CREATE, deadlineCreate } from "./conversations/deadline-create.ts";
import { deadlinesFeature } from "./features/deadlines.ts";
import { BROADCAST_COMPOSE, broadcastCompose } from "./conversations/broadcast-compose.ts";
import { broadcastsFeature } from "./features/broadcasts.ts";
import { statsFeature } from "./features/stats.ts";
import { exportsFeature } from "./features/exports.ts";
import { botApiFiles, importFeature, type FileSource } from "./features/import.ts";
import { criteriaFeature } from "./features/criteria.ts";
import { fallbackFeature } from "./features/fallback.ts";
import { presenceFeature } from "./features/presence.ts";
import { createCommandSync } from "./commands.ts";
import { replyCounter, type RateBudget } from "../delivery/outbox-sender.ts";

export interface BotDeps {
  db: Db;
  services: Services;
  log: Logger;
  adminTelegramIds: readonly number[];
  /** given in tests and the simulator so that no getMe call is needed */
  botInfo?: UserFromGetMe;
  client?: ApiClientOptions;
  /** throttle outgoing calls (off in tests, where Telegram is faked) */
  throttle?: boolean;
  /** where uploaded files are downloaded from (tests may replace it) */
  files?: FileSource;
  /** bump when a conversation changes shape: old in-flight state is dropped */
  conversationVersion?: number;
  /** where the bot's replies are counted, so that the outbox leaves them room (src/delivery/outbox-sender.ts) */
  budget?: RateBudget;
}

export const CONVERSATION_VERSION = 1;

export function createBot(token: string, deps: BotDeps): Bot<BotContext> {
  // Telegram's 429s and 5xx are retried below the conversations' replay log (see retry.ts).
  const client: ApiClientOptions = { ...deps.client, fetch: retryingFetch(deps.client?.fetch ?? grammyDefaultFetch()) };
  const bot = new Bot<BotContext>(token, { botInfo: deps.botInfo, client });
  bot.api.config.use(...retryTransformers());
  if (deps.throttle ?? true) bot.api.config.use(apiThrottler());
  const counted = deps.budget ? [replyCounter(deps.budget)] : [];
  bot.api.config.use(...counted);

  const i18n = createI18n();
  const notifier = createNotifier(bot.api, i18n, deps.log);
  const commands = createCommandSync(bot.api, i18n, deps.services, deps.log);

  // Updates of one chat in order, different chats in parallel (runner, webhook).
  bot.use(sequentialize(sessionKey));
  bot.use(async (ctx, next) => {
    ctx.services = deps.services;
    ctx.app = { botUsername: ctx.me.username, adminTelegramIds: deps.adminTelegramIds };
    await next();
  });
  bot.use(logPerUpdate(deps.log));
  bot.catch(handleError(deps.log, i18n));

  const privateChats = bot.chatType("private");
  const guarded = privateChats.errorBoundary(handleError(deps.log, i18n));
  guarded.use(
    session<SessionData, BotContext>({
      initial: () => ({}),
      storage: new PrismaAdapter<SessionData>(deps.db.session),
      getSessionKey: sessionKey,
    }),
  );
  guarded.use(loadPerson);
  guarded.use(i18n);
  guarded.use(
    conversations<BotContext, FlowContext>({
      storage: {
        type: "context",
        version: deps.conversationVersion ?? CONVERSATION_VERSION,
        adapter: {
          read: (ctx) => ctx.session.conversations as never,
          write: (ctx, state) => {
            ctx.session.conversations = state as never;
          },
          delete: (ctx) => {
            delete ctx.session.conversations;
          },
        },
      },
      // Inside a flow each replay gets a fresh Api: transformers on bot.api do
      // not reach it, so flows install the retries themselves (not the
      // throttler, which would also slow down the replay of old calls).
      plugins: (conversation) => [
        ...flowI18n(i18n)(conversation),
        (ctx, next) => {
          ctx.api.config.use(...retryTransformers(), ...counted);
          return next();
        },
      ],
    }),
  );
  guarded.use(flowsYieldToCommands);

  const services = deps.services;
  const afterJoin = async (ctx: BotContext) => {
    ctx.person = await services.access.loadPerson(ctx.person.telegramId); // they just got a role
    await commands.syncFor(ctx.person.telegramId, await ctx.i18n.getLocale());
    await sendMenu(ctx);
  };
  guarded.use(createConversation(joinByInvite(services, afterJoin), JOIN_BY_INVITE));
  guarded.use(createConversation(joinByRequest(services, (created) => notifier.joinRequested(created)), JOIN_BY_REQUEST));
  for (const [name, flow] of Object.entries(unitFlows(services))) guarded.use(createConversation(flow, name));
  guarded.use(createConversation(inviteCreate(services), INVITE_CREATE));
  guarded.use(createConversation(driveStart(services, notifier), PIGGY_DRIVE_START));
  guarded.use(createConversation(allowExtra(services, notifier), PIGGY_ALLOW_EXTRA));
  guarded.use(createConversation(openingRecord(services, notifier), PIGGY_OPENING_RECORD));
  guarded.use(createConversation(openingCorrect(services, notifier), PIGGY_OPENING_CORRECT));
  guarded.use(createConversation(reviewComment(services, notifier), PIGGY_REVIEW_COMMENT));
  guarded.use(createConversation(sponsorOpen(services), SPONSOR_OPEN));
  guarded.use(createConversation(learningRegister(services), LEARNING_REGISTER));
  guarded.use(createConversation(learningEvaluate(services, notifier), LEARNING_EVALUATE));
  guarded.use(createConversation(learningReviewComment(services, notifier), LEARNING_REVIEW_COMMENT));
  guarded.use(createConversation(sponsorCheckIn(services, notifier), SPONSOR_CHECK_IN));
  guarded.use(createConversation(sponsorStatus(services, notifier), SPONSOR_STATUS));
  guarded.use(createConversation(sponsorKindAdd(services), SPONSOR_KIND_ADD));
  const reportNotifier = createReportNotifier(bot.api, i18n, deps.log);
  guarded.use(createConversation(reportFill(services, reportNotifier), REPORT_FILL));
  guarded.use(createConversation(reportReopen(services, reportNotifier), REPORT_REOPEN));
  guarded.use(createConversation(deadlineEdit(services), DEADLINE_EDIT));
  guarded.use(createConversation(deadlineCreate(services), DEADLINE_CREATE));
  guarded.use(createConversation(broadcastCompose(services, i18n), BROADCAST_COMPOSE));

  guarded.use(presenceFeature());
  guarded.use(startFeature(commands));
  guarded.use(menuFeature());
  guarded.use(profileFeature(commands));
  guarded.use(unitsFeature());
  guarded.use(membersFeature(notifier, commands));
  guarded.use(invitesFeature());
  guarded.use(joinRequestsFeature(notifier, commands));
  guarded.use(piggyBanksFeature(notifier));
  guarded.use(sponsorshipsFeature(notifier));
  guarded.use(learningFeature());
  guarded.use(learningReviewFeature(notifier));
  guarded.use(learningCertificateFeature());
  guarded.use(reportsFeature());
  guarded.use(deadlinesFeature());
  guarded.use(broadcastsFeature(i18n));
  guarded.use(statsFeature());
  guarded.use(exportsFeature());
  const files = deps.files ?? botApiFiles(deps.client?.apiRoot);
  guarded.use(criteriaFeature(files)); // before the import: it takes .json files, the import the rest
  guarded.use(importFeature(files));
  guarded.use(fallbackFeature());

  // Groups and channels: the bot works in private chats only.
  bot.on("callback_query", (ctx) => ctx.answerCallbackQuery());

  return bot;
}

/** The same key for the session and (later) the runner's sequentialize. */
export function sessionKey(ctx: { chat?: { id: number } }): string | undefined {
  return ctx.chat?.id.toString();
}

export { createCommandSync };
