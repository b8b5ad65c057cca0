// The bot's commands by who sees them in Telegram's command list. Every one
// of them also ends a flow in progress (middlewares: flowsYieldToCommands).
/** Everyone's list, newcomers included: the default for every private chat. */
export const EVERYONE_COMMANDS = ["menu", "me", "help", "lang", "cancel"] as const;
/** Anyone with a role in a unit: their unit's figures too. */
export const MEMBER_COMMANDS = [...EVERYONE_COMMANDS, "piggy", "cases", "learning", "report", "deadlines"] as const;
export const COORDINATOR_COMMANDS = [...MEMBER_COMMANDS, "units", "requests", "broadcast", "stats", "export"] as const;
export const ADMIN_COMMANDS = [...COORDINATOR_COMMANDS, "import", "sponsorkinds", "criteria"] as const;

/** Commands typed in the middle of a flow end the flow and run, rather than being taken as an answer. */
export const ALL_COMMANDS: ReadonlySet<string> = new Set(["start", ...ADMIN_COMMANDS]);
