import { type CellResult, Episode, GROUP_OF, type OrgKey, PARTNERS, cellId } from "./episode.ts";
import { plantBackgroundGrants, plantBackgroundStatements } from "./plantBackground.ts";
import { plantContradictionVignettes, plantStoryShape } from "./plantContradictions.ts";
import { plantNearMisses } from "./plantNearMisses.ts";
import { Random } from "./random.ts";
import { brand } from "./vocabulary.ts";

/**
 * A cell: an article-like world of ten organisations (a platform, two corporate groups of a parent
 * and a member, four standalone partners, a local outlet), a spokesperson for each company and two
 * reporters, living through its episodes, one a year.
 */

export interface CellPlan {
  index: number;
  episodes: number;
  /** Organisations beyond the cell's ten (the remainder of N), kept in the last cell. */
  extraOrganizations: number;
  seed: number;
}

export function generateCell(plan: CellPlan): CellResult {
  const rng = Random.derive(plan.seed, plan.index);
  const c = cellId(plan.index);
  const out: CellResult = { organizations: [], people: [], reports: [], grants: [], statements: [], expectations: [] };
  const names: Record<string, string> = {};
  const org = (key: OrgKey) => `${c}-${key}`;
  const spokesperson = (key: OrgKey) => `${c}-${key}-spokesperson`;
  const reporter = (cell: string, n: number) => `${cell}-news-reporter-${n}`;

  // Organisations and people.
  const platformName = brand(rng);
  names.platform = platformName;
  out.organizations.push({ id: org("platform"), name: platformName, kind: "PLATFORM", aliases: [`the ${platformName} platform`] });
  for (const key of PARTNERS) {
    const parent = GROUP_OF[key];
    const name = parent ? `${names[parent]} ${key.endsWith("labs") ? "Labs" : "Studio"}` : `${brand(rng)} ${rng.pick(["Inc", "Group", "Media", "Systems", "Corp"])}`;
    names[key] = name;
    out.organizations.push({
      id: org(key),
      name,
      kind: parent ? "PLATFORM" : "COMPANY",
      ...(parent ? { partOf: org(parent) } : {}),
    });
  }
  names.news = `The ${brand(rng)} ${rng.pick(["Courier", "Herald", "Ledger", "Post", "Tribune"])}`;
  out.organizations.push({ id: org("news"), name: names.news, kind: "MEDIA" });
  for (let i = 1; i <= plan.extraOrganizations; i++) {
    out.organizations.push({ id: `${c}-institute-${i}`, name: `${brand(rng)} Institute`, kind: "RESEARCH" });
  }
  for (const key of ["platform", ...PARTNERS] as OrgKey[]) {
    out.people.push({
      id: spokesperson(key),
      description: `a ${names[key]} spokesperson`,
      anonymous: true,
      speaksFor: org(key),
      role: "SPOKESPERSON",
    });
  }
  for (const n of [1, 2]) {
    out.people.push({
      id: reporter(c, n),
      name: `${brand(rng)} ${brand(rng)}`,
      description: `reporter at ${names.news}`,
      speaksFor: org("news"),
      role: "AUTHOR",
    });
  }

  for (let e = 0; e < plan.episodes; e++) {
    // In this order: each draws from the cell's random sequence, so the order makes the corpus.
    const episode = new Episode({ rng, c, e, cellIndex: plan.index, names, out, org, spokesperson, reporter });
    plantContradictionVignettes(episode);
    plantStoryShape(episode);
    plantNearMisses(episode);
    plantBackgroundGrants(episode);
    plantBackgroundStatements(episode);
  }
  return out;
}
