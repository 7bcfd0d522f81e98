import * as chrono from "chrono-node";
import type { Capability } from "../domain/model.ts";
import type { Known, Mentions, OrgMention } from "./mentions.ts";
import { slugify } from "./mentions.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Candidate grants: sentences that document access. "X gave/granted/allowed Y access", "X shared /
 * sold / sent / passed / handed data to Y", "X collected / stored / scraped data" (self-collection: no
 * grantor), "Y had access to", "which passed it to Z" (an onward transfer: derivedFrom). Data words
 * map to the known data categories where they can, else to new ones.
 */

export interface Party {
  id: string;
  name: string;
  /** Not a named organisation ("aggregators", "police"): proposed as a new one. */
  group?: boolean;
}

export interface CandidateGrant {
  grantor?: Party;
  grantee: Party;
  data: { id: string; name: string; known: boolean; partOf?: string }[];
  capabilities: Capability[];
  validFrom?: string;
  validTo?: string;
  /** The sentence documenting it. */
  sentence: Sentence;
  verb: string;
  /** Index (in the list) of the grant whose data this passes on. */
  derivedFrom?: number;
  reason: string;
  confidence: number;
}

const GIVE = /\b(gave|give|gives|giving|granted|grants|allowed|allows|offered|provided|provides|opened)\b/;
const TRANSFER = /\b(share|shared|shares|sharing|sell|sold|sells|selling|hand|handed|hands|pass|passed|passes|send|sent|sends|sending|disclosed|transferred|supplied|resold|leaked|informed|notified)\b/;
const COLLECT = /\b(collected|collects|collecting|stored|stores|storing|captured|captures|scraped|scrapes|scraping|harvested|harvests|gathered|gathers|recorded|records|tracked|tracks|obtained|accessed|accesses|amassed|kept|keeps)\b/;
const HAD_ACCESS = /\b(?:had|have|has|got|gained|obtained)\s+(?:\w+\s+){0,2}access\b/;

const CATEGORY_WORDS: [RegExp, string][] = [
  [/\bprivate (?:user )?messages\b/i, "private messages"],
  [/\bfriends(?:['’])? lists?\b/i, "friends lists"],
  [/\bcontacts\b/i, "contacts"],
  [/\b(?:HIV status|health (?:information|data|histories|records)|medical|lab results|diagnos\w+|prescription|ovulation|period|pregnan\w+|health)\b/i, "health data"],
  [/\b(?:genetic|DNA|phenotypic)\b/i, "genetic data"],
  [/\b(?:real-time location|location|GPS)\b/i, "location data"],
  [/\b(?:browsing|web histor\w+|searches and clicks|clicks)\b/i, "browsing history"],
  [/\bphone numbers?\b/i, "phone numbers"],
  [/\bemail addresses?\b/i, "email addresses"],
  [/\b(?:photos?|images?|pictures?|videos?|footage)\b/i, "images and video"],
  [/\b(?:voice recordings?|recordings?|audio)\b/i, "voice recordings"],
  [/\b(?:device data|device|phone IDs?|advertiser identifier)\b/i, "device data"],
  [/\bmessages\b/i, "messages"],
  [/\b(?:profile data|profile fields|profiles?)\b/i, "profile data"],
  [/\b(?:personal (?:data|information)|user data|users['’] data|data)\b/i, "personal data"],
];

function dataOf(words: string, known: Known): CandidateGrant["data"] {
  const found: CandidateGrant["data"] = [];
  for (const [re, name] of CATEGORY_WORDS) {
    if (!re.test(words)) continue;
    if (name === "personal data" && found.length > 0) continue;
    if (name === "messages" && found.some((d) => d.name === "private messages")) continue;
    const match = known.categories.find((c) => c.name.toLowerCase() === name || c.id === slugify(name));
    const id = match?.id ?? slugify(name);
    if (!found.some((d) => d.id === id)) found.push({ id, name: match?.name ?? name, known: !!match, partOf: match ? undefined : name === "personal data" ? undefined : (known.categories.find((c) => c.id === "personal-data")?.id ?? "personal-data") });
  }
  if (found.length === 0) {
    const personal = known.categories.find((c) => c.id === "personal-data");
    found.push({ id: "personal-data", name: personal?.name ?? "personal data", known: !!personal });
  }
  return found;
}

function capabilitiesOf(words: string): Capability[] {
  const caps: Capability[] = [];
  if (/\bread(?: access)?\b|\bread messages\b/i.test(words)) caps.push("READ");
  if (/\bwrite(?: access)?\b/i.test(words)) caps.push("WRITE");
  if (/\bdelete\b/i.test(words)) caps.push("DELETE");
  return caps;
}

function periodOf(words: string, published?: string): { validFrom?: string; validTo?: string } {
  const ref = published ? new Date(`${published.slice(0, 10).padEnd(10, "-01").slice(0, 10)}T12:00:00Z`) : new Date();
  const period: { validFrom?: string; validTo?: string } = {};
  const iso = (r: chrono.ParsedComponents) => (r.isCertain("year") ? `${r.get("year")}${r.isCertain("month") ? `-${String(r.get("month")).padStart(2, "0")}` : ""}` : undefined);
  for (const result of chrono.parse(words, ref)) {
    const before = words.slice(Math.max(0, result.index - 12), result.index);
    if (result.end) {
      period.validFrom = iso(result.start);
      period.validTo = iso(result.end);
    } else if (/\b(?:from|since|starting|began)\s+(?:in\s+)?$/i.test(before)) period.validFrom = iso(result.start);
    else if (/\b(?:until|till|to|through)\s+(?:in\s+)?$/i.test(before)) period.validTo = iso(result.start);
  }
  return period;
}

/** Organisation mentions of a range, in order. */
const orgsBetween = (mentions: Mentions, start: number, end: number) => mentions.organizations.filter((m) => m.start >= start && m.end <= end);

const party = (m: OrgMention): Party => ({ id: m.id, name: m.name });

/** A group named by a plain noun phrase after "to"/"with": "to aggregators", "to police", "to bail bond firms". */
function groupAfter(text: string, at: number, end: number): Party | undefined {
  const match = /^\s*(?:(?:several|some|many|other|outside|its|their|the)\s+)*([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,3}?)(?=\s*(?:[,.;]|\bin\b|\bwithout\b|\bwhich\b|\bwho\b|\bincluding\b|\bfor\b|\bdown\b|\buntil\b|\bfrom\b|$))/.exec(text.slice(at, end));
  if (!match) return undefined;
  const words = match[1];
  if (/\b(?:it|them|users?|people|customers?|consumers?|data|information|others|anyone|other)\b/.test(words) && !/\b(?:companies|firms|apps|agencies|partners|advertisers|developers|brokers|aggregators|police)\b/.test(words)) return undefined;
  return { id: slugify(words), name: words, group: true };
}

export function findGrants(text: string, sentences: Sentence[], mentions: Mentions, known: Known, published?: string): CandidateGrant[] {
  const grants: CandidateGrant[] = [];
  for (const sentence of sentences) {
    // Narration only: quoted words are the speaker's, documented as statements.
    let words = text.slice(sentence.start, sentence.end);
    for (const q of sentence.quotes) words = words.slice(0, q.open - sentence.start) + " ".repeat(Math.min(q.close, sentence.end) - q.open) + words.slice(q.close - sentence.start);
    const orgs = orgsBetween(mentions, sentence.start, sentence.end);
    const data = dataOf(words, known);
    const caps = capabilitiesOf(words);
    const period = periodOf(words, published);
    const add = (grant: Omit<CandidateGrant, "data" | "capabilities" | "sentence" | "validFrom" | "validTo">) => {
      if (grant.grantor && grant.grantor.id === grant.grantee.id) return;
      if (grants.some((g) => g.sentence === sentence && g.grantor?.id === grant.grantor?.id && g.grantee.id === grant.grantee.id)) return;
      grants.push({ ...grant, data, capabilities: caps, sentence, ...period });
    };
    const rel = (m: OrgMention) => m.start - sentence.start;
    // Onward transfers: "X gave the data to Y, which passed it to Z, which sold ... to W".
    const chain = [...words.matchAll(/\b(?:to|with)\s+((?:[A-Z][\p{L}\p{N}&-]*\s?)+)[^,]{0,40},\s*(?:a\s+[^,]+,\s*)?which\s+(passed|sold|shared|gave|resold|sent)\b/gu)];
    const give = GIVE.exec(words);
    const transfer = TRANSFER.exec(words);
    const collect = COLLECT.exec(words);
    const hadAccess = HAD_ACCESS.exec(words);
    const subject = orgs.filter((m) => rel(m) < (give?.index ?? transfer?.index ?? collect?.index ?? hadAccess?.index ?? Infinity) && !/\b(?:to|with|from|by|of|like|as|at|for|such as)\s+(?:\w+\s+){0,2}$/.test(words.slice(Math.max(0, rel(m) - 20), rel(m)))).at(-1);
    if (give && /\baccess\b/.test(words.slice(give.index))) {
      const accessAt = give.index + words.slice(give.index).search(/\baccess\b/);
      const grantees = orgs.filter((m) => rel(m) > give.index && rel(m) < accessAt);
      const grantor = subject ?? orgs.find((m) => rel(m) < give.index) ?? lastCompanyBefore(mentions, sentence.start);
      const targets = grantees.length ? grantees.map(party) : ([groupAfter(words, give.index + give[0].length, accessAt)].filter(Boolean) as Party[]);
      for (const grantee of targets) add({ grantor: grantor ? party(grantor) : undefined, grantee, verb: give[1], reason: `“${grantor?.name ?? "…"} ${give[1]} ${grantee.name} … access”`, confidence: 0.8 });
      continue;
    }
    if (transfer && /^(?:informed|notified)$/.test(transfer[1])) {
      // "X informed Facebook when …": the one informed receives the data.
      const grantee = orgs.find((m) => rel(m) > transfer.index && rel(m) - transfer.index < 30);
      const grantor = subject ?? lastCompanyBefore(mentions, sentence.start);
      if (grantee) add({ grantor: grantor ? party(grantor) : undefined, grantee: party(grantee), verb: transfer[1], reason: `“${grantor?.name ?? "…"} ${transfer[1]} ${grantee.name}”`, confidence: 0.6 });
      continue;
    }
    if (transfer && /\b(?:to|with)\b/.test(words.slice(transfer.index))) {
      const toAt = transfer.index + words.slice(transfer.index).search(/\b(?:to|with)\b/);
      const firstChain = chain[0]?.index;
      const cut = firstChain !== undefined ? words.indexOf("which", firstChain) : words.length;
      let grantees = orgs.filter((m) => rel(m) > toAt && rel(m) < cut);
      // "with Facebook and Google's analytics division": the organisations listed after "with".
      if (grantees.length === 0) {
        const group = groupAfter(words, toAt + (words.slice(toAt).startsWith("with") ? 4 : 2), cut);
        if (group) grantees = [];
        const grantor = subject ?? lastCompanyBefore(mentions, sentence.start);
        if (group) add({ grantor: grantor ? party(grantor) : undefined, grantee: group, verb: transfer[1], reason: `“${transfer[1]} … to ${group.name}”`, confidence: 0.55 });
      }
      const grantor = subject ?? lastCompanyBefore(mentions, sentence.start);
      for (const grantee of grantees) add({ grantor: grantor ? party(grantor) : undefined, grantee: party(grantee), verb: transfer[1], reason: `“${grantor?.name ?? "…"} ${transfer[1]} … to ${grantee.name}”`, confidence: subject ? 0.8 : 0.6 });
      // The chain: each "which passed it to Z" passes on the grant before it.
      let previousIndex = grants.length - 1;
      for (const link of chain.slice(0)) {
        const from = orgs.find((m) => text.slice(m.start, m.end).trim() === link[1].trim() || link[1].trim().startsWith(text.slice(m.start, m.end)));
        const linkAt = link.index + link[0].length;
        const rest = words.slice(linkAt);
        const nextTo = rest.search(/\b(?:to|with)\b/);
        if (!from || nextTo < 0) continue;
        const end = rest.indexOf(", which") >= 0 ? rest.indexOf(", which") : rest.length;
        const to = orgs.find((m) => rel(m) > linkAt + nextTo && rel(m) < linkAt + end);
        const target = to ? party(to) : groupAfter(words, linkAt + nextTo + 2, linkAt + end);
        if (!target) continue;
        add({ grantor: party(from), grantee: target, verb: link[2], derivedFrom: previousIndex >= 0 ? previousIndex : undefined, reason: `“${from.name}, which ${link[2]} … to ${target.name}”: passed on`, confidence: 0.6 });
        previousIndex = grants.length - 1;
      }
      if (chain.length === 0) continue;
      continue;
    }
    if (collect && subject && rel(subject) < collect.index) {
      add({ grantor: undefined, grantee: party(subject), verb: collect[1], reason: `“${subject.name} ${collect[1]}” data itself: no grantor`, confidence: 0.6 });
      continue;
    }
    if (hadAccess && subject) {
      const grantor = orgs.find((m) => rel(m) > hadAccess.index) ?? lastCompanyBefore(mentions, sentence.start, subject.id);
      add({ grantor: grantor ? party(grantor) : undefined, grantee: party(subject), verb: "had access", reason: `“${subject.name} … ${hadAccess[0]}”`, confidence: 0.55 });
    }
  }
  return grants;
}

function lastCompanyBefore(mentions: Mentions, at: number, not?: string): OrgMention | undefined {
  return mentions.organizations.filter((m) => m.end <= at && (m.kind === "COMPANY" || m.kind === "PLATFORM") && m.id !== not).at(-1);
}
