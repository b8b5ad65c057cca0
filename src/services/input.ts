// Every service input from outside is parsed with its zod schema first; a
// malformed one (a forged button, a broken client) is refused as bad input.
import type { z } from "zod";
import { ServiceError } from "./errors.ts";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new ServiceError("bad_input", { fields: parsed.error.issues.map((i) => i.path.join(".")).join(", ") });
  return parsed.data;
}
