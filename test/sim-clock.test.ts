import { describe, expect, it } from "vitest";
import { parseSimTime, showSimTime } from "../src/sim/clock.ts";

describe("the simulator's clock (Vietnam time)", () => {
  it("reads dd/mm/yyyy [HH:MM] as Vietnam time, 08:00 by default", () => {
    expect(parseSimTime("08/06/2026 08:00")?.toISOString()).toBe("2026-06-08T01:00:00.000Z");
    expect(parseSimTime("8/6/2026")?.toISOString()).toBe("2026-06-08T01:00:00.000Z");
    expect(parseSimTime("01/01/2027 06:30")?.toISOString()).toBe("2026-12-31T23:30:00.000Z");
    expect(showSimTime(new Date("2026-12-31T23:30:00.000Z"))).toBe("01/01/2027 06:30");
  });
  it("refuses what is not a time", () => {
    for (const bad of ["31/02/2026", "08/13/2026", "08/06/2026 24:00", "tomorrow", "2026-06-08"]) expect(parseSimTime(bad), bad).toBeNull();
  });
});
