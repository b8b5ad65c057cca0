// zod schemas for what enters the services from outside (the chat, the
// command line): ids, new units, invites, people joining. The rules that
// carry a message for the person (names, amounts) live in their own modules
// and are plugged in here.
import { z } from "zod";
import { ROLES } from "./permissions.ts";
import { normalizeText, validatePersonName } from "./text.ts";
import { UNIT_KINDS } from "./unit-kinds.ts";

/** A database id: a positive 32-bit integer (a forged button cannot reach past it). */
export const idSchema = z.number().int().positive().max(2_147_483_647);
export const telegramIdSchema = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const localeSchema = z.enum(["vi", "en"]);

export const newUnitSchema = z.object({
  parentId: idSchema.nullable(),
  name: z.string().max(1_000),
  kind: z.enum(UNIT_KINDS),
  code: z.string().max(200).nullable().optional(),
});

export const newInviteSchema = z.object({
  unitId: idSchema,
  role: z.enum(ROLES),
  maxUses: z.number().int().min(1).max(100_000).nullable(),
  expiresAt: z.date().nullable(),
});

const personName = z.string().transform((value, ctx) => {
  const result = validatePersonName(value);
  if (!result.ok) {
    ctx.addIssue({ code: "custom", message: result.error });
    return z.NEVER;
  }
  return result.value;
});

export const joinerSchema = z.object({
  telegramId: telegramIdSchema,
  fullName: personName,
  phone: z.string().max(32).nullable(),
  language: localeSchema,
});

export const joinRequestInputSchema = joinerSchema.extend({ unitId: idSchema });

/** Free text: NFC, blanks collapsed; empty means none. */
export function optionalText(max: number) {
  return z
    .string()
    .max(max * 4)
    .nullable()
    .transform((value, ctx) => {
      if (value === null) return null;
      const text = normalizeText(value);
      if ([...text].length > max) {
        ctx.addIssue({ code: "custom", message: "too_long" });
        return z.NEVER;
      }
      return text === "" ? null : text;
    });
}
