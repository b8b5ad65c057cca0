import { describe, expect, it } from "vitest";
import { ANONYMISED } from "../../src/export/headings.ts";
import { pupilCell } from "../../src/export/records.ts";
import type { Person } from "../../src/services/access.ts";

const unit = { id: 3, name: "Chi hội xóm Đồi", path: "/1/2/3/" };
const row = { ownerTelegramId: 500n, pupilName: "Nguyễn Thị Hương", pupilInitials: "N.T.H.", anonymisedAt: null, unit };
const person = (telegramId: number, roles: Person["actor"]["roles"], isAdmin = false): Person => ({
  telegramId, memberId: telegramId, fullName: null, language: "vi", actor: { isAdmin, roles },
});

describe("sponsorship rows in an export", () => {
  it("show the full name only to those entitled (sponsor.view_full on the case's unit), initials otherwise", () => {
    expect(pupilCell(person(1, [], true), row)).toBe("Nguyễn Thị Hương");
    expect(pupilCell(person(2, [{ unitId: 2, unitPath: "/1/2/", role: "COORDINATOR" }]), row)).toBe("Nguyễn Thị Hương");
    expect(pupilCell(person(3, [{ unitId: 2, unitPath: "/1/2/", role: "REPORTER" }]), row)).toBe("N.T.H.");
    expect(pupilCell(person(4, [{ unitId: 9, unitPath: "/1/9/", role: "COORDINATOR" }]), row)).toBe("N.T.H.");
    // The case's owner sees the pupil they follow.
    expect(pupilCell(person(500, [{ unitId: 3, unitPath: "/1/2/3/", role: "MEMBER" }]), row)).toBe("Nguyễn Thị Hương");
  });

  it("say a case was deleted on request, with no name at all", () => {
    const gone = { ...row, pupilName: null, pupilInitials: null, anonymisedAt: new Date() };
    expect(pupilCell(person(1, [], true), gone)).toBe(ANONYMISED);
    expect(pupilCell(person(3, [{ unitId: 2, unitPath: "/1/2/", role: "REPORTER" }]), gone)).toBe(ANONYMISED);
  });
});
