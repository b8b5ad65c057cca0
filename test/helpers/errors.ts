// The refusal a service call must end in: a ServiceError with this code (and these params).
import { expect } from "vitest";
import { ServiceError, type ServiceErrorCode } from "../../src/services/errors.ts";

export async function expectServiceError(
  promise: Promise<unknown>, code: ServiceErrorCode, params?: Record<string, string | number>,
): Promise<void> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe(code);
  if (params) expect((error as ServiceError).params).toMatchObject(params);
}
