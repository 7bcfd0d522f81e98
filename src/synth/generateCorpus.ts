import fs from "node:fs";
import path from "node:path";
import type { ContradictionKind, Stance } from "../domain/model.ts";
import { EXTRACT_FORMAT_VERSION } from "../extract/format.ts";
import { Random } from "./random.ts";

/**
 * A deterministic synthetic corpus in the real extract format (src/extract/format.ts), for
 * benchmarks at any scale and for checking the contradiction rules end to end: it plants a known set
 * of contradictions of every kind and a known set of near-misses, and says which in a manifest.
 *
 * Shape. The corpus is made of *cells*, each an article-like world of 10 organisations: a platform
 * that grants access, two corporate groups (a parent and a member each, as Microsoft and Bing), four
 * standalone partners and a local media outlet, with a spokesperson for each company and two
 * reporters. A cell lives through *episodes*, one per year, each like the seed article: an
 * investigation (published by the outlet of this or an earlier cell) and a local article document
 * grants; the platform and its partners answer with denials, claims of unawareness, claims that
 * access ended, privacy assurances, admissions and context, carried by their press releases. With the
 * default density (100 statements per organisation: 20 episodes of 50 statements per cell) 10,000
 * organisations make a million statements.
 *
 * Why the answer is known. Every grant and every statement that can contradict carries a purpose of
 * its own vignette, so rule 3 (purpose) keeps vignettes apart and only the pairs a vignette is built
 * for can meet; everything else that can contradict still reaches, through rule 1, every grant of its
 * parties (the cost a real graph has), and is turned away by the rules. A vignette either plants one
 * contradiction (or two, or an "except" claim with one pair kept and one excepted), or builds a
 * near-miss that fails exactly one rule.
 */

export const CELL_ORGANIZATIONS = 10;
export const STATEMENTS_PER_EPISODE = 50;
export const DEFAULT_STATEMENTS_PER_ORGANIZATION = 100;
const FIRST_YEAR = 1990;
const MAX_EPISODES = 34; // one year each, 1990 to 2023
/** The extract loader refuses files over 2 MB; files are cut well below. */
const MAX_FILE_BYTES = 1_700_000;

export const NEAR_MISS_REASONS = [
  "EXCEPTED",
  "GRANT_ENDED_BEFORE_CLAIMED_END",
  "OTHER_PURPOSE",
  "OTHER_DATA_BRANCH",
  "OWN_SIDE_EVIDENCE_ONLY",
  "PERIOD_NOT_OVERLAPPING",
  "NOT_EXEMPT",
  "CAPABILITIES_DISJOINT",
  "ADMISSION",
  "GRANTOR_DENIES_USE",
  "MEMBER_VS_GROUP_GRANT",
  "ONWARD_FROM_ANOTHER_GRANTOR",
  "ONWARD_NOT_GRANTORS_OWN",
] as const;
export type NearMissReason = (typeof NEAR_MISS_REASONS)[number];

const KINDS: ContradictionKind[] = [
  "DENIAL_VS_GRANT",
  "ENDED_VS_ACTIVE",
  "ASSURANCE_VS_EXEMPTION",
  "UNAWARENESS_VS_GRANT",
  "USE_OR_REQUEST_VS_GRANT",
];

export interface SynthOptions {
  organizations: number;
  seed?: number;
  statementsPerOrganization?: number;
}

export interface Expectation {
  statementId: string;
  grantId: string;
  expect: "contradiction" | "near-miss";
  kind?: ContradictionKind;
  reason?: NearMissReason;
}

export interface ManifestSummary {
  format: "claimgraph-synth-manifest/1";
  seed: number;
  organizations: number;
  statementsPerOrganization: number;
  cells: number;
  episodesPerCell: number;
  files: string[];
  counts: { organizations: number; people: number; reports: number; dataCategories: number; grants: number; statements: number };
  stances: Record<string, number>;
  planted: { total: number; byKind: Record<string, number> };
  nearMisses: { total: number; byReason: Record<string, number> };
}

export interface Manifest extends ManifestSummary {
  planted: ManifestSummary["planted"] & { pairs: string[] };
  nearMisses: ManifestSummary["nearMisses"] & { pairs: string[] };
  expectations: Expectation[];
}

export const MANIFEST_FILE = "manifest.jsonl";

// ---------------------------------------------------------------------------------------------
// Vocabulary

type Json = Record<string, unknown>;

interface Category {
  id: string;
  name: string;
  partOf?: string;
}

/** The article's five categories, as the article defines them, and more of the same shape. */
export const DATA_CATEGORIES: Category[] = [
  { id: "personal-data", name: "personal data" },
  { id: "messages", name: "messages", partOf: "personal-data" },
  { id: "private-messages", name: "private messages", partOf: "messages" },
  { id: "group-messages", name: "group messages", partOf: "messages" },
  { id: "friends-lists", name: "friends lists", partOf: "personal-data" },
  { id: "contacts", name: "contacts", partOf: "personal-data" },
  { id: "phone-contacts", name: "phone contacts", partOf: "contacts" },
  { id: "email-contacts", name: "email contacts", partOf: "contacts" },
  { id: "location", name: "location", partOf: "personal-data" },
  { id: "precise-location", name: "precise location", partOf: "location" },
  { id: "coarse-location", name: "coarse location", partOf: "location" },
  { id: "activity", name: "activity", partOf: "personal-data" },
  { id: "browsing-history", name: "browsing history", partOf: "activity" },
  { id: "purchase-history", name: "purchase history", partOf: "activity" },
  { id: "photos", name: "photos", partOf: "personal-data" },
  { id: "tagged-photos", name: "tagged photos", partOf: "photos" },
];
const CATEGORY = new Map(DATA_CATEGORIES.map((c) => [c.id, c]));
/** Every category but the root (a statement about all personal data overlaps everything). */
const GRANTABLE = DATA_CATEGORIES.filter((c) => c.partOf).map((c) => c.id);

/** The branch under the root a category belongs to (messages for private-messages). */
function branchOf(id: string): string {
  let current = CATEGORY.get(id)!;
  while (current.partOf && current.partOf !== "personal-data") current = CATEGORY.get(current.partOf)!;
  return current.id;
}

const children = (id: string) => DATA_CATEGORIES.filter((c) => c.partOf === id).map((c) => c.id);

const FEATURES = [
  "messaging",
  "music-sharing",
  "ad-measurement",
  "contact-sync",
  "recommendations",
  "single-sign-on",
  "search-personalization",
  "video-features",
  "shopping",
  "gaming",
  "calendar-sync",
  "photo-printing",
];
const FEATURE_WORDS: Record<string, string> = {
  messaging: "messaging features",
  "music-sharing": "music sharing",
  "ad-measurement": "advertising measurement",
  "contact-sync": "contact syncing",
  recommendations: "recommendations",
  "single-sign-on": "single sign-on",
  "search-personalization": "personalised search",
  "video-features": "video features",
  shopping: "shopping features",
  gaming: "social gaming",
  "calendar-sync": "calendar syncing",
  "photo-printing": "photo printing",
};

const SYLLABLES = ["zen", "lu", "mo", "ra", "tix", "vo", "ka", "lin", "dor", "sa", "pex", "qua", "ri", "nel", "tor", "vi", "bra", "so", "mi", "gen", "ax", "ly", "cor", "fen"];

function brand(rng: Random): string {
  const n = rng.int(2, 3);
  let word = "";
  for (let i = 0; i < n; i++) word += rng.pick(SYLLABLES);
  return word[0].toUpperCase() + word.slice(1);
}

// ---------------------------------------------------------------------------------------------
// The cell

/** The organisations of a cell; `of` is the corporate group (parent) of a member. */
const PARTNERS = ["alpha", "alpha-labs", "beta", "beta-studio", "gamma", "delta", "epsilon", "zeta"] as const;
type PartnerKey = (typeof PARTNERS)[number];
type OrgKey = "platform" | PartnerKey | "news";
const GROUP_OF: Partial<Record<PartnerKey, PartnerKey>> = { "alpha-labs": "alpha", "beta-studio": "beta" };
const GROUP_PARENTS: PartnerKey[] = ["alpha", "beta"];
const MEMBER_OF_PARENT: Record<string, PartnerKey> = { alpha: "alpha-labs", beta: "beta-studio" };
const STANDALONE: PartnerKey[] = ["gamma", "delta", "epsilon", "zeta"];

interface CellResult {
  organizations: Json[];
  people: Json[];
  reports: Json[];
  grants: Json[];
  statements: Json[];
  expectations: Expectation[];
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const day = (rng: Random) => pad(rng.int(1, 28), 2);

export function cellId(index: number): string {
  return `c${pad(index, 5)}`;
}

interface CellPlan {
  index: number;
  episodes: number;
  /** Organisations beyond the cell's ten (the remainder of N), kept in the last cell. */
  extraOrganizations: number;
  seed: number;
}

function generateCell(plan: CellPlan): CellResult {
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
    generateEpisode({ rng, c, e, cellIndex: plan.index, names, out, org, spokesperson, reporter });
  }
  return out;
}

interface EpisodeContext {
  rng: Random;
  c: string;
  e: number;
  cellIndex: number;
  names: Record<string, string>;
  out: CellResult;
  org: (key: OrgKey) => string;
  spokesperson: (key: OrgKey) => string;
  reporter: (cell: string, n: number) => string;
}

interface About {
  grantee?: string | string[];
  grantor?: string;
  data?: string[];
  capabilities?: string[];
  purpose?: string;
  period?: { from?: string; to?: string };
  except?: string[];
}

function generateEpisode(ctx: EpisodeContext): void {
  const { rng, c, e, cellIndex, names, out, org, spokesperson, reporter } = ctx;
  const Y = FIRST_YEAR + e;
  const ep = `${c}-e${pad(e, 2)}`;
  let grantCount = 0;
  let statementCount = 0;
  let purposeCount = 0;
  const newPurpose = () => `${rng.pick(FEATURES)}-${c}-e${pad(e, 2)}-${++purposeCount}`;
  const featureWords = (purpose: string) => FEATURE_WORDS[purpose.replace(/-c\d+-e\d+-\d+$/, "")] ?? "its features";

  // Reports of the episode: an investigation by this or an earlier cell's outlet, a local article,
  // and press releases and blogs of the organisations that speak, made when first needed.
  const investigator = cellId(rng.int(Math.max(0, cellIndex - 20), cellIndex));
  const investigation = `${ep}-investigation`;
  out.reports.push({
    id: investigation,
    title: `How ${names.platform} shared its users' data with partners (${Y})`,
    url: `https://news.example.org/${investigator}/${Y}/${ep}`,
    publisher: `${investigator}-news`,
    authors: [reporter(investigator, rng.int(1, 2))],
    publishedAt: `${Y}-09-${day(rng)}`,
    kind: "INVESTIGATION",
  });
  const local = `${ep}-local`;
  out.reports.push({
    id: local,
    title: `${names.news} on ${names.platform}'s partners`,
    publisher: org("news"),
    authors: [reporter(c, rng.int(1, 2))],
    publishedAt: `${Y}-10`,
    kind: "ARTICLE",
  });
  const madeReports = new Set<string>();
  const press = (key: OrgKey) => {
    const id = `${ep}-press-${key}`;
    if (!madeReports.has(id)) {
      madeReports.add(id);
      out.reports.push({ id, title: `${names[key]} statement (${Y})`, publisher: org(key), publishedAt: `${Y}-11-${day(rng)}`, kind: "PRESS_STATEMENT" });
    }
    return id;
  };
  const blog = (key: OrgKey) => {
    const id = `${ep}-blog-${key}`;
    if (!madeReports.has(id)) {
      madeReports.add(id);
      out.reports.push({ id, title: `A ${names[key]} blog post (${Y})`, authors: [spokesperson(key)], publishedAt: `${Y}-11`, kind: "ARTICLE" });
    }
    return id;
  };

  const independentEvidence = (count = rng.pick([1, 1, 1, 2, 2, 3])) => {
    const cites = [{ report: investigation, quote: `${names.platform} gave partners extensive access to its users' data, according to the investigation.` }];
    if (count >= 2) cites.push({ report: local, quote: `Documents seen by ${names.news} show the access continued.` });
    if (count >= 3) cites.push({ report: press("platform"), quote: `${names.platform} confirmed the arrangement.` });
    return cites;
  };

  interface GrantSpec {
    grantor?: OrgKey | null;
    grantee: OrgKey;
    data?: string[];
    capabilities?: string[];
    validFrom?: string;
    /** Default: the end of the episode's grant season; null: still open; "unknown": not documented. */
    validTo?: string | null | "unknown";
    exempt?: boolean;
    purpose: string;
    documentedIn?: { report: string; quote: string }[];
    /** Onward transfer: the grant this one passes on (its grantee is this grant's grantor). */
    derivedFrom?: string;
  }
  const grant = (spec: GrantSpec): string => {
    const id = `${ep}-g${pad(++grantCount, 2)}`;
    const grantor = spec.grantor === undefined ? "platform" : spec.grantor;
    const data = spec.data ?? [rng.pick(GRANTABLE)];
    out.grants.push({
      id,
      ...(grantor ? { grantor: org(grantor) } : {}),
      grantee: org(spec.grantee),
      ...(spec.derivedFrom ? { derivedFrom: spec.derivedFrom } : {}),
      data,
      ...(spec.capabilities ? { capabilities: spec.capabilities } : {}),
      validFrom: spec.validFrom ?? `${Y}-02`,
      ...(spec.validTo === "unknown" ? {} : { validTo: spec.validTo === undefined ? `${Y}-10` : spec.validTo }),
      exemptFromPrivacyRules: spec.exempt ?? false,
      purpose: spec.purpose,
      description: `${names[spec.grantee]}'s access to ${data.map((d) => CATEGORY.get(d)!.name).join(", ")} for ${featureWords(spec.purpose)}.`,
      documentedIn: spec.documentedIn ?? independentEvidence(),
    });
    return id;
  };

  interface StatementSpec {
    by: OrgKey;
    /** Speak as the organisation itself rather than its spokesperson. */
    asOrganization?: boolean;
    stance: Stance;
    about: About;
    quote?: string;
  }
  const statement = (spec: StatementSpec): string => {
    const id = `${ep}-s${pad(++statementCount, 2)}`;
    const asOrganization = spec.asOrganization ?? rng.chance(0.5);
    const reportedIn: Json[] = [{ report: press(spec.by) }];
    const quote = spec.quote ?? quoteOf(spec);
    // The local paper's sentence quotes the speaker's words: the same words as the press release's.
    if (rng.chance(0.3)) reportedIn.push({ report: local, account: `${names[spec.by]} said: "${quote}"` });
    out.statements.push({
      id,
      // The speaker's own words: its press release carries them (a first-party text).
      form: "DIRECT",
      quote,
      madeAt: `${Y}-12-${day(rng)}`,
      ...(rng.chance(0.3) ? { channel: rng.pick(["statement to reporters", "tweet", "earnings call", "blog post", "interview"]) } : {}),
      speaker: asOrganization ? org(spec.by) : spokesperson(spec.by),
      onBehalfOf: org(spec.by),
      stance: spec.stance,
      about: spec.about,
      reportedIn,
    });
    return id;
  };
  const quoteOf = (spec: StatementSpec): string => {
    const who = names[spec.by];
    const data = spec.about.data?.length ? CATEGORY.get(spec.about.data[0])!.name : "personal data";
    const what = spec.about.purpose ? featureWords(spec.about.purpose) : "our products";
    switch (spec.stance) {
      case "DENIES_ACCESS":
        return `${who} has never had access to ${data} of ${names.platform} users for ${what}.`;
      case "DENIES_USE":
        return `${who} never used anyone's ${data} from ${names.platform} for ${what}.`;
      case "DENIES_REQUEST":
        return `${who} never asked ${names.platform} for anyone's ${data}.`;
      case "CLAIMS_UNAWARE":
        return `${who} was not aware of the full scale of its access to ${names.platform} data for ${what}.`;
      case "CLAIMS_ENDED":
        return `We shut down the partnerships for ${what} ${spec.about.period?.to ? `in ${spec.about.period.to}` : "months ago"}.`;
      case "ASSURES_SAFEGUARD":
        return `Partners building ${what} don't get to ignore people's privacy settings.`;
      case "AFFIRMS_ACCESS":
        return `${who} uses the interfaces provided by ${names.platform} to enable ${what}.`;
      default:
        return rng.pick([
          `We have tried various ways to make ${who} more social.`,
          `We found no evidence of abuse by our partners.`,
          `We have work to do to regain people's trust.`,
          `${who} is reviewing how it works with ${names.platform}.`,
        ]);
    }
  };

  const plant = (statementId: string, grantId: string, kind: ContradictionKind) =>
    out.expectations.push({ statementId, grantId, expect: "contradiction", kind });
  const nearMiss = (statementId: string, grantId: string, reason: NearMissReason) =>
    out.expectations.push({ statementId, grantId, expect: "near-miss", reason });

  /** A partner, or for group variants a parent whose member holds the grant. */
  const anyPartner = () => rng.pick(PARTNERS);
  const period = () => (rng.chance(0.5) ? { period: { from: `${Y}-01`, to: `${Y}-12` } } : {});
  /** Data a statement may name and still overlap `granted`: the same, broader, narrower or none. */
  const overlappingData = (granted: string): { data?: string[] } => {
    const options: (string[] | undefined)[] = [[granted], undefined];
    const parent = CATEGORY.get(granted)!.partOf;
    if (parent) options.push([parent]);
    const narrower = children(granted);
    if (narrower.length) options.push([rng.pick(narrower)]);
    const chosen = rng.pick(options);
    return chosen ? { data: chosen } : {};
  };
  /** A corroborating admission, by the platform (the other party) or the partner itself. */
  const maybeAdmission = (grantId: string, grantee: OrgKey, purpose: string, data: string) => {
    if (!rng.chance(0.5)) return;
    const byPlatform = rng.chance(0.6);
    const admission = statement({
      by: byPlatform ? "platform" : grantee,
      stance: "AFFIRMS_ACCESS",
      about: { grantor: org("platform"), grantee: org(grantee), data: [data], purpose },
    });
    nearMiss(admission, grantId, "ADMISSION");
  };

  // --- Planted contradictions: one or two vignettes per episode, kinds in turn.
  const plantedVignettes = rng.chance(0.5) ? 2 : 1;
  for (let v = 0; v < plantedVignettes; v++) {
    const kind = KINDS[(cellIndex * 7 + e * 2 + v) % KINDS.length];
    const purpose = newPurpose();
    switch (kind) {
      case "DENIAL_VS_GRANT":
      case "UNAWARENESS_VS_GRANT":
      case "USE_OR_REQUEST_VS_GRANT": {
        const speaker = anyPartner();
        // A group parent's statement meets its member's grant (rule 1, corporate groups).
        const holder: OrgKey = GROUP_PARENTS.includes(speaker) && rng.chance(0.5) ? MEMBER_OF_PARENT[speaker] : speaker;
        const data = rng.pick(GRANTABLE);
        const caps = rng.chance(0.3) ? ["READ"] : undefined;
        const g = grant({ grantee: holder, data: [data], capabilities: caps, purpose, validTo: rng.chance(0.2) ? null : undefined });
        const stance: Stance =
          kind === "DENIAL_VS_GRANT" ? "DENIES_ACCESS" : kind === "UNAWARENESS_VS_GRANT" ? "CLAIMS_UNAWARE" : rng.pick(["DENIES_USE", "DENIES_REQUEST"] as const);
        const s = statement({
          by: speaker,
          stance,
          about: {
            grantee: org(speaker),
            ...(rng.chance(0.5) ? { grantor: org("platform") } : {}),
            ...overlappingData(data),
            ...(caps && rng.chance(0.5) ? { capabilities: ["READ", "WRITE"] } : {}),
            purpose,
            ...period(),
          },
        });
        plant(s, g, kind);
        maybeAdmission(g, holder, purpose, data);
        break;
      }
      case "ENDED_VS_ACTIVE": {
        // "We shut it down", while a grant is still open or runs past the claimed end. Sometimes
        // with an exception, as the article's "except Apple and Amazon": the excepted group's grant
        // is a near-miss beside the planted one.
        const grantee = rng.pick(STANDALONE);
        const data = rng.pick(GRANTABLE);
        const g = grant({ grantee, data: [data], purpose, validTo: rng.chance(0.5) ? null : `${Y + 1}-06` });
        const withException = rng.chance(0.5);
        const excepted = rng.pick(GROUP_PARENTS);
        const ge = withException ? grant({ grantee: MEMBER_OF_PARENT[excepted], data: [data], purpose, validTo: null }) : null;
        const s = statement({
          by: "platform",
          stance: "CLAIMS_ENDED",
          about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` }, ...(withException ? { except: [org(excepted)] } : {}) },
        });
        plant(s, g, kind);
        if (ge) nearMiss(s, ge, "EXCEPTED");
        maybeAdmission(g, grantee, purpose, data);
        break;
      }
      case "ASSURANCE_VS_EXEMPTION": {
        // "Partners don't get to ignore privacy settings", an assurance naming only the grantor,
        // against grants exempt from the rules: one or two exempt grants, and sometimes an ordinary
        // one beside them (a near-miss). Naming no purpose, it reaches every grant of its grantor in
        // its period: the grantor is the first group's member, which grants nothing else, and the
        // grants and the assurance keep to the episode's year.
        const grantor = MEMBER_OF_PARENT[GROUP_PARENTS[0]];
        const grantees = rng.sample(STANDALONE, 3);
        const exemptCount = rng.chance(0.4) ? 2 : 1;
        const s0: string[] = [];
        for (let i = 0; i < exemptCount; i++) s0.push(grant({ grantor, grantee: grantees[i], purpose, exempt: true }));
        const ordinary = rng.chance(0.5) ? grant({ grantor, grantee: grantees[2], purpose }) : null;
        const s = statement({ by: grantor, stance: "ASSURES_SAFEGUARD", about: { grantor: org(grantor), period: { from: `${Y}-01`, to: `${Y}-12` } } });
        s0.forEach((g) => plant(s, g, kind));
        if (ordinary) nearMiss(s, ordinary, "NOT_EXEMPT");
        break;
      }
    }
  }

  // --- Shapes of real stories, one per episode in turn: data passed on (once or twice) from the
  // platform to the one that denies having it; an assurance scoped by grantee or purpose against an
  // ordinary grant; self-collection against a promise; a grantor's denial of giving access.
  {
    const purpose = newPurpose();
    const data = rng.pick(GRANTABLE);
    switch ((cellIndex * 3 + e) % 4) {
      case 0: {
        const [first, second, third] = rng.sample(STANDALONE, 3);
        const source = grant({ grantee: first, data: [data], purpose });
        let last = grant({ grantor: first, grantee: second, derivedFrom: source, data: [data], purpose, validTo: rng.chance(0.5) ? null : undefined });
        let holder: OrgKey = second;
        if (rng.chance(0.4)) {
          last = grant({ grantor: second, grantee: third, derivedFrom: last, data: [data], purpose });
          holder = third;
        }
        const s = statement({ by: holder, stance: "DENIES_ACCESS", about: { grantee: org(holder), grantor: org("platform"), purpose, ...overlappingData(data) } });
        plant(s, last, "DENIAL_VS_GRANT");
        break;
      }
      case 1: {
        const grantee = anyPartner();
        const g = grant({ grantee, data: [data], purpose });
        const about: About = rng.chance(0.5) ? { grantor: org("platform"), purpose } : { grantee: org(grantee), purpose, ...overlappingData(data) };
        const s = statement({ by: "platform", stance: "ASSURES_SAFEGUARD", about });
        plant(s, g, "ASSURANCE_VS_EXEMPTION");
        break;
      }
      case 2: {
        const collector = anyPartner();
        const g = grant({ grantor: null, grantee: collector, data: [data], capabilities: ["COLLECT"], purpose, validTo: null });
        const stance = rng.pick(["ASSURES_SAFEGUARD", "DENIES_ACCESS"] as const);
        const s = statement({ by: collector, stance, about: { grantee: org(collector), purpose, ...overlappingData(data) } });
        plant(s, g, stance === "ASSURES_SAFEGUARD" ? "ASSURANCE_VS_EXEMPTION" : "DENIAL_VS_GRANT");
        break;
      }
      default: {
        const g = grant({ grantee: rng.pick(STANDALONE), data: [data], purpose });
        const s = statement({ by: "platform", stance: "DENIES_ACCESS", about: { grantor: org("platform"), purpose, ...period() } });
        plant(s, g, "DENIAL_VS_GRANT");
      }
    }
  }

  // --- Near-misses: four vignettes per episode, each failing exactly one rule.
  const reasons = NEAR_MISS_REASONS.filter((r) => r !== "EXCEPTED" && r !== "NOT_EXEMPT" && r !== "ADMISSION");
  const pickedReasons = [
    ...rng.sample(reasons, 3),
    rng.pick(["EXCEPTED", "NOT_EXEMPT", "ADMISSION"] as NearMissReason[]),
  ];
  for (const reason of pickedReasons) {
    const purpose = newPurpose();
    const speaker = anyPartner();
    const data = rng.pick(GRANTABLE);
    switch (reason) {
      case "EXCEPTED": {
        const excepted = rng.pick(GROUP_PARENTS);
        const byId = rng.chance(0.5); // except the member itself, or its group
        const g = grant({ grantee: MEMBER_OF_PARENT[excepted], data: [data], purpose, validTo: null });
        const s = statement({
          by: "platform",
          stance: "CLAIMS_ENDED",
          about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` }, except: [org(byId ? MEMBER_OF_PARENT[excepted] : excepted)] },
        });
        nearMiss(s, g, "EXCEPTED");
        break;
      }
      case "GRANT_ENDED_BEFORE_CLAIMED_END": {
        const g = grant({ grantee: speaker, data: [data], purpose, validFrom: `${Y}-01`, validTo: `${Y}-03` });
        const s = statement({ by: "platform", stance: "CLAIMS_ENDED", about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` } } });
        nearMiss(s, g, reason);
        break;
      }
      case "OTHER_PURPOSE": {
        const g = grant({ grantee: speaker, data: [data], purpose: `${purpose}-other` });
        const s = statement({ by: speaker, stance: rng.pick(["DENIES_USE", "DENIES_ACCESS"] as const), about: { grantee: org(speaker), purpose, ...overlappingData(data) } });
        nearMiss(s, g, reason);
        break;
      }
      case "OTHER_DATA_BRANCH": {
        const other = rng.pick(GRANTABLE.filter((d) => branchOf(d) !== branchOf(data)));
        const g = grant({ grantee: speaker, data: [data], purpose });
        const s = statement({ by: speaker, stance: "DENIES_ACCESS", about: { grantee: org(speaker), data: [other], purpose, ...period() } });
        nearMiss(s, g, reason);
        break;
      }
      case "OWN_SIDE_EVIDENCE_ONLY": {
        // Documented only by the speaker's press release, its group's, or its spokesperson's blog.
        const group = GROUP_OF[speaker];
        const source = rng.pick(["press", "blog", ...(group ? ["group"] : [])]);
        const report = source === "press" ? press(speaker) : source === "blog" ? blog(speaker) : press(group!);
        const g = grant({ grantee: speaker, data: [data], purpose, documentedIn: [{ report, quote: `We had access to ${CATEGORY.get(data)!.name}.` }] });
        const s = statement({ by: speaker, stance: rng.pick(["DENIES_ACCESS", "CLAIMS_UNAWARE"] as const), about: { grantee: org(speaker), purpose } });
        nearMiss(s, g, reason);
        break;
      }
      case "PERIOD_NOT_OVERLAPPING": {
        const g = grant({ grantee: speaker, data: [data], purpose, validFrom: `${Y}-06`, validTo: `${Y}-10` });
        const s = statement({ by: speaker, stance: "CLAIMS_UNAWARE", about: { grantee: org(speaker), purpose, period: { from: `${Y}-01`, to: `${Y}-04` } } });
        nearMiss(s, g, reason);
        break;
      }
      case "NOT_EXEMPT": {
        // An assurance naming only the grantor (the second group's member, which grants nothing
        // else; the episode's year), against an ordinary grant.
        const grantor = MEMBER_OF_PARENT[GROUP_PARENTS[1]];
        const g = grant({ grantor, grantee: rng.pick(STANDALONE), data: [data], purpose, exempt: false });
        const s = statement({ by: grantor, stance: "ASSURES_SAFEGUARD", about: { grantor: org(grantor), period: { from: `${Y}-01`, to: `${Y}-12` } } });
        nearMiss(s, g, reason);
        break;
      }
      case "CAPABILITIES_DISJOINT": {
        const g = grant({ grantee: speaker, data: [data], capabilities: ["READ"], purpose });
        const s = statement({ by: speaker, stance: "DENIES_ACCESS", about: { grantee: org(speaker), capabilities: ["WRITE", "DELETE"], purpose } });
        nearMiss(s, g, reason);
        break;
      }
      case "ADMISSION": {
        const g = grant({ grantee: speaker, data: [data], purpose });
        const s = statement({ by: speaker, stance: "AFFIRMS_ACCESS", about: { grantee: org(speaker), grantor: org("platform"), data: [data], purpose } });
        nearMiss(s, g, reason);
        break;
      }
      case "GRANTOR_DENIES_USE": {
        // A grantor's denial of its partners' use or requests does not reach grants through the
        // grantor alone (its claims that access ended, assurances and denials of access do).
        const g = grant({ grantee: speaker, data: [data], purpose });
        const s = statement({ by: "platform", stance: rng.pick(["DENIES_USE", "DENIES_REQUEST"] as const), about: { grantor: org("platform"), purpose } });
        nearMiss(s, g, reason);
        break;
      }
      case "ONWARD_FROM_ANOTHER_GRANTOR": {
        // A grantee's denial of the platform's data does not reach what it received from another
        // grantor, passed on or not.
        const [other, holder] = rng.sample(STANDALONE, 2);
        const g = grant({ grantor: other, grantee: holder, data: [data], purpose });
        const s = statement({ by: holder, stance: "DENIES_ACCESS", about: { grantee: org(holder), grantor: org("platform"), purpose } });
        nearMiss(s, g, reason);
        break;
      }
      case "ONWARD_NOT_GRANTORS_OWN": {
        // The platform's "we shut it down" speaks of the grants it gave (this one ended in time),
        // not of what a partner passed on from one of them (still open).
        const [first, second] = rng.sample(STANDALONE, 2);
        const source = grant({ grantee: first, data: [data], purpose, validFrom: `${Y}-01`, validTo: `${Y}-03` });
        const onward = grant({ grantor: first, grantee: second, derivedFrom: source, data: [data], purpose, validTo: null });
        const s = statement({ by: "platform", stance: "CLAIMS_ENDED", about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` } } });
        nearMiss(s, source, "GRANT_ENDED_BEFORE_CLAIMED_END");
        nearMiss(s, onward, reason);
        break;
      }
      case "MEMBER_VS_GROUP_GRANT": {
        // A member's statement does not reach its group's grant (PART_OF points up).
        const parent = rng.pick(GROUP_PARENTS);
        const member = MEMBER_OF_PARENT[parent];
        const g = grant({ grantee: parent, data: [data], purpose });
        const s = statement({ by: member, stance: "DENIES_ACCESS", about: { grantee: org(member), purpose } });
        nearMiss(s, g, reason);
        break;
      }
    }
  }

  // --- Background grants nobody speaks of: partner to partner, self-collected, open, exempt.
  while (grantCount < 10) {
    const kind = rng.int(0, 3);
    const grantee = anyPartner();
    grant({
      grantor: kind === 0 ? null : kind === 1 ? rng.pick(STANDALONE.filter((k) => k !== grantee)) : "platform",
      grantee,
      purpose: newPurpose(),
      capabilities: rng.chance(0.3) ? rng.sample(["READ", "WRITE", "COLLECT", "TRANSFER"], rng.int(1, 2)) : undefined,
      validTo: rng.chance(0.25) ? null : rng.chance(0.2) ? "unknown" : `${Y}-${pad(rng.int(3, 12), 2)}`,
      exempt: rng.chance(0.15),
    });
  }

  // --- The rest of the episode's 50 statements, in the article's proportions: half can contradict
  // (each with a purpose of its own, so it reaches every grant of its parties and matches none),
  // a fifth are admissions, the rest context.
  while (statementCount < STATEMENTS_PER_EPISODE) {
    const roll = rng.next();
    const speaker = anyPartner();
    if (roll < 0.5) {
      const byPlatform = rng.chance(0.25);
      const stance: Stance = byPlatform
        ? rng.pick(["CLAIMS_ENDED", "CLAIMS_ENDED", "ASSURES_SAFEGUARD"] as const)
        : rng.pick(["DENIES_ACCESS", "DENIES_USE", "DENIES_REQUEST", "CLAIMS_UNAWARE"] as const);
      const about: About = byPlatform
        ? { grantor: org("platform"), purpose: newPurpose(), ...(stance === "CLAIMS_ENDED" ? { period: { to: `${Y}-${pad(rng.int(1, 11), 2)}` } } : {}) }
        : { grantee: org(speaker), ...(rng.chance(0.5) ? { grantor: org("platform") } : {}), purpose: newPurpose(), ...(rng.chance(0.5) ? { data: [rng.pick(GRANTABLE)] } : {}) };
      statement({ by: byPlatform ? "platform" : speaker, stance, about });
    } else if (roll < 0.72) {
      const byPlatform = rng.chance(0.4);
      statement({
        by: byPlatform ? "platform" : speaker,
        stance: "AFFIRMS_ACCESS",
        about: { grantor: org("platform"), grantee: org(speaker), purpose: newPurpose(), ...(rng.chance(0.5) ? { data: [rng.pick(GRANTABLE)] } : {}) },
      });
    } else {
      const byPlatform = rng.chance(0.3);
      const about: About = rng.pick<About>([
        { grantee: org(speaker) },
        { grantor: org("platform") },
        { grantee: org(speaker), grantor: org("platform") },
        { data: [rng.pick(GRANTABLE)] },
      ]);
      statement({ by: byPlatform ? "platform" : speaker, stance: "CONTEXT", about });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The corpus

export interface CorpusLayout {
  cells: number;
  episodesPerCell: number;
  extraOrganizations: number;
  statementsPerOrganization: number;
  seed: number;
}

export function layoutOf(options: SynthOptions): CorpusLayout {
  const organizations = options.organizations;
  if (!Number.isInteger(organizations) || organizations < CELL_ORGANIZATIONS) {
    throw new Error(`--organizations must be a whole number of at least ${CELL_ORGANIZATIONS}; got ${options.organizations}.`);
  }
  const statementsPerOrganization = options.statementsPerOrganization ?? DEFAULT_STATEMENTS_PER_ORGANIZATION;
  const episodesPerCell = Math.round((statementsPerOrganization * CELL_ORGANIZATIONS) / STATEMENTS_PER_EPISODE);
  if (episodesPerCell < 1 || episodesPerCell > MAX_EPISODES) {
    throw new Error(`statements per organisation must be between ${STATEMENTS_PER_EPISODE / CELL_ORGANIZATIONS} and ${(MAX_EPISODES * STATEMENTS_PER_EPISODE) / CELL_ORGANIZATIONS}.`);
  }
  const seed = options.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a whole number; got ${options.seed}.`);
  const cells = Math.floor(organizations / CELL_ORGANIZATIONS);
  return { cells, episodesPerCell, extraOrganizations: organizations - cells * CELL_ORGANIZATIONS, statementsPerOrganization, seed };
}

export interface CorpusFile {
  name: string;
  extract: Json;
}

/**
 * The corpus as extract files, produced one at a time (a million statements need not sit in memory
 * at once): first the shared data categories, then the cells in order, packed into files below the
 * loader's size limit. A cell refers only to itself, earlier cells and the shared file, so the files
 * can be loaded all at once or one after another in name order. Expectations go to `expect`.
 */
export function* corpusFiles(options: SynthOptions, expect: (expectation: Expectation) => void): Generator<CorpusFile> {
  const layout = layoutOf(options);
  const tag = `synth-${layout.seed}`;
  yield {
    name: "00000-shared.json",
    extract: {
      format: EXTRACT_FORMAT_VERSION,
      source: { id: `${tag}-shared`, title: `Synthetic corpus (seed ${layout.seed}): shared vocabulary`, publishedAt: "2024", kind: "ARTICLE" },
      notes: "Generated by `claimgraph synth`: the data category hierarchy every cell uses.",
      dataCategories: DATA_CATEGORIES,
    },
  };
  let part = 0;
  let pending: CellResult[] = [];
  let pendingBytes = 0;
  let firstCell = 0;
  const flush = (lastCell: number): CorpusFile => {
    part += 1;
    const merged: Json = {
      format: EXTRACT_FORMAT_VERSION,
      source: {
        id: `${tag}-part-${pad(part, 5)}`,
        title: `Synthetic corpus (seed ${layout.seed}), cells ${firstCell} to ${lastCell}`,
        publishedAt: "2024",
        kind: "ARTICLE",
      },
      organizations: pending.flatMap((cell) => cell.organizations),
      people: pending.flatMap((cell) => cell.people),
      reports: pending.flatMap((cell) => cell.reports),
      grants: pending.flatMap((cell) => cell.grants),
      statements: pending.flatMap((cell) => cell.statements),
    };
    const file = { name: `${pad(part, 5)}-cells-${pad(firstCell, 5)}-${pad(lastCell, 5)}.json`, extract: merged };
    pending = [];
    pendingBytes = 0;
    firstCell = lastCell + 1;
    return file;
  };
  for (let index = 0; index < layout.cells; index++) {
    const cell = generateCell({
      index,
      episodes: layout.episodesPerCell,
      extraOrganizations: index === layout.cells - 1 ? layout.extraOrganizations : 0,
      seed: layout.seed,
    });
    cell.expectations.forEach(expect);
    const bytes = JSON.stringify(cell).length;
    if (pending.length > 0 && pendingBytes + bytes > MAX_FILE_BYTES) yield flush(index - 1);
    pending.push(cell);
    pendingBytes += bytes;
  }
  if (pending.length > 0) yield flush(layout.cells - 1);
}

export const pairOf = (e: { statementId: string; grantId: string }) => `${e.statementId}~${e.grantId}`;

/**
 * Writes the corpus into `dir` (created; existing extract files of an earlier corpus are removed so
 * `claimgraph seed DIR` loads exactly this one) and the manifest beside it, as JSON lines: the
 * summary first, then one line per expectation. Its extension keeps it out of `claimgraph seed`.
 */
export function writeCorpus(dir: string, options: SynthOptions, log: (line: string) => void = () => {}): ManifestSummary {
  const layout = layoutOf(options);
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    if (/^\d{5}-.*\.json$/.test(name) || name === MANIFEST_FILE) fs.rmSync(path.join(dir, name));
  }
  const expectations: Expectation[] = [];
  const counts = { organizations: 0, people: 0, reports: 0, dataCategories: 0, grants: 0, statements: 0 };
  const stances: Record<string, number> = {};
  const files: string[] = [];
  for (const file of corpusFiles(options, (e) => expectations.push(e))) {
    const extract = file.extract as Record<string, Json[]>;
    counts.organizations += extract.organizations?.length ?? 0;
    counts.people += extract.people?.length ?? 0;
    counts.reports += (extract.reports?.length ?? 0) + 1;
    counts.dataCategories += extract.dataCategories?.length ?? 0;
    counts.grants += extract.grants?.length ?? 0;
    counts.statements += extract.statements?.length ?? 0;
    for (const s of extract.statements ?? []) stances[s.stance as string] = (stances[s.stance as string] ?? 0) + 1;
    fs.writeFileSync(path.join(dir, file.name), JSON.stringify(file.extract));
    files.push(file.name);
    if (files.length % 50 === 0) log(`synth: ${files.length} files, ${counts.statements} statements`);
  }
  const byKind: Record<string, number> = Object.fromEntries(KINDS.map((k) => [k, 0]));
  const byReason: Record<string, number> = Object.fromEntries(NEAR_MISS_REASONS.map((r) => [r, 0]));
  for (const e of expectations) {
    if (e.expect === "contradiction") byKind[e.kind!] += 1;
    else byReason[e.reason!] += 1;
  }
  const planted = expectations.filter((e) => e.expect === "contradiction").length;
  const summary: ManifestSummary = {
    format: "claimgraph-synth-manifest/1",
    seed: layout.seed,
    organizations: options.organizations,
    statementsPerOrganization: layout.statementsPerOrganization,
    cells: layout.cells,
    episodesPerCell: layout.episodesPerCell,
    files,
    counts,
    stances,
    planted: { total: planted, byKind },
    nearMisses: { total: expectations.length - planted, byReason },
  };
  const lines = [JSON.stringify(summary), ...expectations.map((e) => JSON.stringify({ pair: pairOf(e), ...e }))];
  fs.writeFileSync(path.join(dir, MANIFEST_FILE), `${lines.join("\n")}\n`);
  return summary;
}

/** Reads a manifest written by writeCorpus. */
export function readManifest(dir: string): Manifest {
  const lines = fs.readFileSync(path.join(dir, MANIFEST_FILE), "utf8").split("\n").filter(Boolean);
  const summary = JSON.parse(lines[0]) as ManifestSummary;
  const expectations = lines.slice(1).map((line) => {
    const { pair: _pair, ...e } = JSON.parse(line) as Expectation & { pair: string };
    return e;
  });
  return {
    ...summary,
    planted: { ...summary.planted, pairs: expectations.filter((e) => e.expect === "contradiction").map(pairOf) },
    nearMisses: { ...summary.nearMisses, pairs: expectations.filter((e) => e.expect === "near-miss").map(pairOf) },
    expectations,
  };
}
