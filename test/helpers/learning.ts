// Criteria in force for the learning-model tests: the TEST DATA fixtures of
// test/fixtures/criteria (a completed family set, 100 points, "DAT" from 70;
// the TT22 unit set with its item 3.2 filled in, bands Tốt/Khá/Trung bình),
// loaded by the administrator and put in force for a year.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { LearningModel } from "../../src/domain/criteria.ts";
import type { Services } from "../../src/services/index.ts";

const here = path.dirname(fileURLToPath(import.meta.url));
export const FAMILY_TEST_SET = path.join(here, "../fixtures/criteria/gia-dinh-test.json");
export const UNIT_TEST_SET = path.join(here, "../fixtures/criteria/don-vi-hoc-tap-tt22-test.json");

/** Loads both test sets as the administrator and puts them in force for `year`; returns their ids by model. */
export async function criteriaInForce(services: Services, adminTelegramId: number, year: number): Promise<Record<"FAMILY" | "UNIT", number>> {
  const admin = await services.access.loadPerson(adminTelegramId);
  const ids = {} as Record<"FAMILY" | "UNIT", number>;
  for (const [model, file] of [["FAMILY", FAMILY_TEST_SET], ["UNIT", UNIT_TEST_SET]] as [LearningModel & ("FAMILY" | "UNIT"), string][]) {
    const loaded = await services.criteria.uploadCriteria(admin, new Uint8Array(readFileSync(file)));
    if (!loaded.ok) throw new Error(`test criteria ${file} refused: ${JSON.stringify(loaded.errors)}`);
    await services.criteria.setInForce(admin, model, year, loaded.set.id);
    ids[model] = loaded.set.id;
  }
  return ids;
}
