import type { ContradictionKind, Stance } from "../domain/model.ts";
import { type Expectation, type NearMissReason } from "./manifest.ts";
import type { Random } from "./random.ts";
import { CATEGORY, FEATURE_WORDS, FEATURES, GRANTABLE, children } from "./vocabulary.ts";

/**
 * One episode of a cell: a year like the seed article's, with its reports (an investigation, a local
 * article, press releases and blogs made when first needed), and the makers the planters use to add
 * grants and statements to it and to say what they planted (./plantContradictions.ts,
 * ./plantNearMisses.ts, ./plantBackground.ts; a cell runs them in turn: ./cell.ts).
 */

export type Json = Record<string, unknown>;

export const FIRST_YEAR = 1990;
export const STATEMENTS_PER_EPISODE = 50;

/** The organisations of a cell; `of` is the corporate group (parent) of a member. */
export const PARTNERS = ["alpha", "alpha-labs", "beta", "beta-studio", "gamma", "delta", "epsilon", "zeta"] as const;
export type PartnerKey = (typeof PARTNERS)[number];
export type OrgKey = "platform" | PartnerKey | "news";
export const GROUP_OF: Partial<Record<PartnerKey, PartnerKey>> = { "alpha-labs": "alpha", "beta-studio": "beta" };
export const GROUP_PARENTS: PartnerKey[] = ["alpha", "beta"];
export const MEMBER_OF_PARENT: Record<string, PartnerKey> = { alpha: "alpha-labs", beta: "beta-studio" };
export const STANDALONE: PartnerKey[] = ["gamma", "delta", "epsilon", "zeta"];

/** What a cell adds to the corpus. */
export interface CellResult {
  organizations: Json[];
  people: Json[];
  reports: Json[];
  grants: Json[];
  statements: Json[];
  expectations: Expectation[];
}

export const pad = (n: number, width: number) => String(n).padStart(width, "0");
export const day = (rng: Random) => pad(rng.int(1, 28), 2);

export function cellId(index: number): string {
  return `c${pad(index, 5)}`;
}

export interface EpisodeContext {
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

export interface About {
  grantee?: string | string[];
  grantor?: string;
  data?: string[];
  capabilities?: string[];
  purpose?: string;
  period?: { from?: string; to?: string };
  except?: string[];
}

export interface GrantSpec {
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

export interface StatementSpec {
  by: OrgKey;
  /** Speak as the organisation itself rather than its spokesperson. */
  asOrganization?: boolean;
  stance: Stance;
  about: About;
  quote?: string;
}

const featureWords = (purpose: string) => FEATURE_WORDS[purpose.replace(/-c\d+-e\d+-\d+$/, "")] ?? "its features";

/**
 * An episode being written. Every maker draws from the cell's random sequence in the order it is
 * called: the corpus of a seed is the same as long as the planters call them in the same order.
 */
export class Episode {
  readonly rng: Random;
  readonly names: Record<string, string>;
  readonly org: (key: OrgKey) => string;
  /** The episode's year. */
  readonly Y: number;
  /** Which cell, and which of its episodes: the planters take kinds and shapes in turn by them. */
  readonly cellIndex: number;
  readonly e: number;
  readonly investigation: string;
  readonly local: string;
  grantCount = 0;
  statementCount = 0;
  private readonly ep: string;
  private readonly out: CellResult;
  private readonly spokesperson: (key: OrgKey) => string;
  private purposeCount = 0;
  private readonly madeReports = new Set<string>();

  constructor(ctx: EpisodeContext) {
    const { rng, c, e, cellIndex, names, out, org, spokesperson, reporter } = ctx;
    this.rng = rng;
    this.names = names;
    this.out = out;
    this.org = org;
    this.spokesperson = spokesperson;
    this.Y = FIRST_YEAR + e;
    this.cellIndex = cellIndex;
    this.e = e;
    this.ep = `${c}-e${pad(e, 2)}`;
    const { Y, ep } = this;

    // Reports of the episode: an investigation by this or an earlier cell's outlet, a local article,
    // and press releases and blogs of the organisations that speak, made when first needed.
    const investigator = cellId(rng.int(Math.max(0, cellIndex - 20), cellIndex));
    this.investigation = `${ep}-investigation`;
    out.reports.push({
      id: this.investigation,
      title: `How ${names.platform} shared its users' data with partners (${Y})`,
      url: `https://news.example.org/${investigator}/${Y}/${ep}`,
      publisher: `${investigator}-news`,
      authors: [reporter(investigator, rng.int(1, 2))],
      publishedAt: `${Y}-09-${day(rng)}`,
      kind: "INVESTIGATION",
    });
    this.local = `${ep}-local`;
    out.reports.push({
      id: this.local,
      title: `${names.news} on ${names.platform}'s partners`,
      publisher: org("news"),
      authors: [reporter(c, rng.int(1, 2))],
      publishedAt: `${Y}-10`,
      kind: "ARTICLE",
    });
  }

  /** A purpose of its own: rule 3 keeps what carries it apart from every other vignette. */
  newPurpose(): string {
    return `${this.rng.pick(FEATURES)}-${this.ep}-${++this.purposeCount}`;
  }

  press(key: OrgKey): string {
    const id = `${this.ep}-press-${key}`;
    if (!this.madeReports.has(id)) {
      this.madeReports.add(id);
      this.out.reports.push({ id, title: `${this.names[key]} statement (${this.Y})`, publisher: this.org(key), publishedAt: `${this.Y}-11-${day(this.rng)}`, kind: "PRESS_STATEMENT" });
    }
    return id;
  }

  blog(key: OrgKey): string {
    const id = `${this.ep}-blog-${key}`;
    if (!this.madeReports.has(id)) {
      this.madeReports.add(id);
      this.out.reports.push({ id, title: `A ${this.names[key]} blog post (${this.Y})`, authors: [this.spokesperson(key)], publishedAt: `${this.Y}-11`, kind: "ARTICLE" });
    }
    return id;
  }

  independentEvidence(count = this.rng.pick([1, 1, 1, 2, 2, 3])) {
    const { names } = this;
    const cites = [{ report: this.investigation, quote: `${names.platform} gave partners extensive access to its users' data, according to the investigation.` }];
    if (count >= 2) cites.push({ report: this.local, quote: `Documents seen by ${names.news} show the access continued.` });
    if (count >= 3) cites.push({ report: this.press("platform"), quote: `${names.platform} confirmed the arrangement.` });
    return cites;
  }

  grant(spec: GrantSpec): string {
    const { rng, org, Y } = this;
    const id = `${this.ep}-g${pad(++this.grantCount, 2)}`;
    const grantor = spec.grantor === undefined ? "platform" : spec.grantor;
    const data = spec.data ?? [rng.pick(GRANTABLE)];
    this.out.grants.push({
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
      description: `${this.names[spec.grantee]}'s access to ${data.map((d) => CATEGORY.get(d)!.name).join(", ")} for ${featureWords(spec.purpose)}.`,
      documentedIn: spec.documentedIn ?? this.independentEvidence(),
    });
    return id;
  }

  statement(spec: StatementSpec): string {
    const { rng, org, Y, names } = this;
    const id = `${this.ep}-s${pad(++this.statementCount, 2)}`;
    const asOrganization = spec.asOrganization ?? rng.chance(0.5);
    const reportedIn: Json[] = [{ report: this.press(spec.by) }];
    const quote = spec.quote ?? this.quoteOf(spec);
    // The local paper's sentence quotes the speaker's words: the same words as the press release's.
    if (rng.chance(0.3)) reportedIn.push({ report: this.local, account: `${names[spec.by]} said: "${quote}"` });
    this.out.statements.push({
      id,
      // The speaker's own words: its press release carries them (a first-party text).
      form: "DIRECT",
      quote,
      madeAt: `${Y}-12-${day(rng)}`,
      ...(rng.chance(0.3) ? { channel: rng.pick(["statement to reporters", "tweet", "earnings call", "blog post", "interview"]) } : {}),
      speaker: asOrganization ? org(spec.by) : this.spokesperson(spec.by),
      onBehalfOf: org(spec.by),
      stance: spec.stance,
      about: spec.about,
      reportedIn,
    });
    return id;
  }

  private quoteOf(spec: StatementSpec): string {
    const { names, rng } = this;
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
  }

  /** Says the manifest expects this pair to be a contradiction of `kind`. */
  plant(statementId: string, grantId: string, kind: ContradictionKind): void {
    this.out.expectations.push({ statementId, grantId, expect: "contradiction", kind });
  }

  /** Says the manifest expects this pair to be no contradiction, for `reason`. */
  nearMiss(statementId: string, grantId: string, reason: NearMissReason): void {
    this.out.expectations.push({ statementId, grantId, expect: "near-miss", reason });
  }

  /** A partner, or for group variants a parent whose member holds the grant. */
  anyPartner(): PartnerKey {
    return this.rng.pick(PARTNERS);
  }

  period() {
    return this.rng.chance(0.5) ? { period: { from: `${this.Y}-01`, to: `${this.Y}-12` } } : {};
  }

  /** Data a statement may name and still overlap `granted`: the same, broader, narrower or none. */
  overlappingData(granted: string): { data?: string[] } {
    const { rng } = this;
    const options: (string[] | undefined)[] = [[granted], undefined];
    const parent = CATEGORY.get(granted)!.partOf;
    if (parent) options.push([parent]);
    const narrower = children(granted);
    if (narrower.length) options.push([rng.pick(narrower)]);
    const chosen = rng.pick(options);
    return chosen ? { data: chosen } : {};
  }

  /** A corroborating admission, by the platform (the other party) or the partner itself. */
  maybeAdmission(grantId: string, grantee: OrgKey, purpose: string, data: string): void {
    const { rng, org } = this;
    if (!rng.chance(0.5)) return;
    const byPlatform = rng.chance(0.6);
    const admission = this.statement({
      by: byPlatform ? "platform" : grantee,
      stance: "AFFIRMS_ACCESS",
      about: { grantor: org("platform"), grantee: org(grantee), data: [data], purpose },
    });
    this.nearMiss(admission, grantId, "ADMISSION");
  }
}
