// Database errors the services recover from.

/**
 * A unique key violated: Prisma's P2002, or — thrown inside an interactive
 * transaction — the driver adapter's own error (PGlite: SQLSTATE 23505; pg:
 * UniqueConstraintViolation), which Prisma does not turn into P2002 there.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  if ((error as { code?: unknown }).code === "P2002") return true;
  const cause = (error as { cause?: { kind?: unknown; code?: unknown } | null }).cause;
  return cause?.kind === "UniqueConstraintViolation" || (cause?.kind === "postgres" && cause.code === "23505");
}
