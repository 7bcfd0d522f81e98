import * as chrono from "chrono-node";
import type { Capability } from "../domain/model.ts";
import type { Known, Mentions, OrgMention } from "./mentions.ts";
import { slugify } from "./mentions.ts";
import type { Sentence } from "./sentences.ts";

/**
 * Candidate grants: sentences that document access, read clause by clause. "X gave/granted/allowed/
 * sold Y access" and "X allowed Y to collect …"; "X shared / sold / sent / passed / handed / uploaded
 * data to Y" (Y a list of organisations, or a group such as "advertisers"), "through Z" (Z gets it
 * first and passes it on); "the data from X was shared with Y" (passive: X the grantor); "X collected
 * / stored / scraped data" (self-collection: no grantor); "Y had / obtained / bought access";
 * "Y bought data from X"; "X's buyers included Y and Z"; "…, which passed it to Z" (an onward
 * transfer: derivedFrom). A clause that denies or ends the practice ("did not share", "would stop
 * sending") documents no access. Data words map to the known data categories where they can, else to
 * new ones.
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

const GIVE = /\b(gave|give|gives|giving|granted|grants|grant|granting|allowed|allows|allow|allowing|offered|offers|provided|provides|providing|opened|sold|sells|sell|selling|let|lets)\b/g;
const TRANSFER =
  /\b(share|shared|shares|sharing|sell|sold|sells|selling|resold|resells|hand|handed|hands|handing|pass|passed|passes|passing|send|sent|sends|sending|disclosed|discloses|transferred|transfers|supplied|supplies|uploaded|uploads|leaked|informed|notified|fed|feeds|licensed|licenses|provided|provides|gave|gives)\b/g;
const COLLECT = /\b(collected|collects|collecting|collect|stored|stores|storing|captured|captures|scraped|scrapes|scraping|harvested|harvests|harvesting|gathered|gathers|recorded|records|tracked|tracks|tracking|obtained|accessed|accesses|amassed|kept|keeps)\b/g;
const HAD_ACCESS = /\b(?:had|have|has|got|gained|gains|obtained|bought|buys|purchased|purchases|acquired|retained|enjoyed|received)\s+(?:[\w-]+\s+){0,2}access\b/g;
const BUY = /\b(bought|buys|buy|buying|purchased|purchases|purchase|acquired|received|receives)\b/g;
/** Buyers listed: "the company's biggest buyers included Cuebiq, X-Mode and Arity"; "clients including Google". */
const RECIPIENTS = /\b(?:buyers|clients|customers|partners|recipients|licensees)\s+(?:have\s+)?(?:included|include|includes|were|are|such as|like|including)\s+/g;
/** A clause that denies or ends the practice, or only promises or asks it. */
const DENIED = /\b(?:not|never|n['’]t|no longer|stop|stops|stopped|stopping|cease[sd]?|ceasing|end|ended|refused? to|without|promising|promised to|to stop|against|prohibit\w*|forbid\w*|ban\w*)\s+(?:[\w-]+\s+){0,2}$/i;
/** What ends a clause: a semicolon, a dash, a new clause, an attribution ("…, the analysis found", "…, according to …"). */
const CLAUSE_END =
  /;|\s[—–]\s|,\s+(?=(?:according to|first reported|citing|which|who|while|whereas|but|and|despite|after|before|when|in a|as|so|then|even)\b|(?:[\w.'’-]+\s+){0,5}(?:said|says|reported|reports|found|finds|wrote|told|showed|shows|revealed|reveals|concluded|alleged|alleges)\b)|\s+(?=(?:and|but)\s+(?:it|they|he|she|we|the company|the firm|the app)\s)/g;
/** The start of a new clause (a subject may stand after it). */
const CLAUSE_START = /;\s*|\s[—–]\s|,\s+(?:and|but|while|whereas|so|then)\s+|,\s+(?=which\b|who\b)|\s+(?:and|but)\s+(?=(?:it|they|he|she|we|the company|the firm|the app)\s)|\b(?:said|says|told|reported|found|wrote|confirmed|acknowledged|admitted|alleged|claimed|showed|revealed)\s+(?:\w+\s+){0,3}?that\s+/g;
const PREPOSITION_BEFORE = /\b(?:to|with|from|by|of|like|as|at|for|such as|including|via|through|about|on|into|than|in|among|between|against|over)\s+(?:[\w-]+\s+){0,2}$/i;
const PRONOUN_SUBJECT = /^\s*(?:it|they|the (?:company|firm|app|service|platform|carrier|start-?up|business|group|broker|maker)|its? (?:app|software|service|platform))\b/i;

const CATEGORY_WORDS: [RegExp, string][] = [
  [/\bprivate (?:user )?messages\b/i, "private messages"],
  [/\bfriends(?:['’])? lists?\b/i, "friends lists"],
  [/\bcontacts\b/i, "contacts"],
  [/\b(?:HIV status|health (?:information|data|histories|records|conditions)|medical|medications?|prescriptions?|lab results|diagnos\w+|ovulation|period|pregnan\w+|health)\b/i, "health data"],
  [/\b(?:genetic|DNA|phenotypic)\b/i, "genetic data"],
  [/\b(?:real-time location|locations?|GPS|movements)\b/i, "location data"],
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

const party = (m: OrgMention): Party => ({ id: m.id, name: m.name });

/** Plural heads of a group a text does not name, and the collective nouns that are groups too. */
const COLLECTIVE = /^(?:police|military|government|public|press|staff|law enforcement)$/;
const QUANTITY = /^(?:(?:about|around|some|roughly|nearly|almost|over|at least|more than|fewer than|up to|several|many|numerous|various|other|its|their|his|her|our|the|these|those|all|most|dozens of|hundreds of|thousands of|scores of|a dozen|a handful of|a number of|a range of|a host of|a group of)\s+)*/i;
/** The plural heads an anaphor stands for: "the agencies" → the public bodies just named; "the companies" → the companies. */
const ANAPHOR = /^(?:the|these|those|both)\s+(?:(?:two|three|four|five)\s+)?(agencies|companies|firms|partners|apps|brokers|carriers|vendors|services|platforms|departments|regulators)$/i;

/**
 * The grantee an object phrase names: the organisations it lists ("Facebook, Google and the
 * advertising company Criteo"; "clients including Google, Microsoft and Home Depot"), else the group
 * it names ("several advertising companies" → advertising companies; "contractors working for the
 * Pentagon" → contractors), else nothing.
 */
function objectParties(text: string, from: number, to: number, orgs: OrgMention[], previous: (OrgMention & { possessor?: boolean })[]): Party[] {
  const zone = text.slice(from, to);
  const inZone = orgs.filter((m) => m.start >= from && m.end <= to);
  const first = inZone[0];
  if (first) {
    const lead = text.slice(from, first.start);
    // Only a head noun introducing a list, or an appositive, may stand before the first organisation.
    if (/^\s*(?:(?:the|a|an)\s+(?:[a-z-]+\s+){0,3})?$/.test(lead) || /^\s*(?:[\w-]+\s+){0,5}?(?:such as|like|including|included|called|named|notably|especially|the likes of)\s+(?:the\s+)?$/.test(lead)) {
      const listed = [first];
      for (const next of inZone.slice(1)) {
        const gap = text.slice(listed.at(-1)!.end, next.start);
        if (/^(?:\s*,\s*|(?:\s*,)?\s+(?:and|or|&)\s+(?:the\s+(?:[a-z-]+\s+){0,3})?)$/.test(gap)) listed.push(next);
        else break;
      }
      return [...new Map(listed.map((m) => [m.id, party(m)])).values()];
    }
  }
  // "advertisers and hedge funds": a list of groups.
  const groups: Party[] = [];
  let rest = zone;
  for (let i = 0; i < 4; i++) {
    const found = groupIn(rest, previous);
    if (found.parties.length === 0) break;
    groups.push(...found.parties);
    const next = /^\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?=[a-z])/.exec(rest.slice(found.consumed));
    if (!next) break;
    rest = rest.slice(found.consumed + next[0].length);
  }
  return groups;
}

/** A group named by a plain noun phrase: "aggregators", "several advertising companies", "police"; an anaphor ("the agencies") for the organisations just named. */
function groupIn(zone: string, previous: (OrgMention & { possessor?: boolean })[]): { parties: Party[]; consumed: number } {
  const none = { parties: [], consumed: 0 };
  const lead = /^\s*/.exec(zone)![0].length;
  const phrase = /^\s*([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,5})/i.exec(zone)?.[1];
  if (!phrase) return none;
  // Stop at what follows the head: a participle, a relative, a preposition.
  const head = phrase.split(/\s+(?:[a-z]+ing|that|which|who|whose|in|on|at|of|for|from|without|with|by|about|to|through|until|including|under|as|and|or|down|up|back|across|within)\b/)[0];
  const consumed = lead + head.length;
  const anaphor = ANAPHOR.exec(head.trim());
  if (anaphor) {
    const noun = anaphor[1].toLowerCase();
    const fits = previous.filter((m) => (/agencies|departments|regulators/.test(noun) ? m.kind === "GOVERNMENT" : m.kind === "COMPANY" || m.kind === "PLATFORM") && !m.possessor);
    const unique = [...new Map(fits.map((m) => [m.id, party(m)])).values()];
    if (unique.length >= 2) return { parties: unique, consumed };
  }
  if (/^(?:a|an|one|two|three|four|five|six|both)\s/i.test(head.trim())) return none;
  const words = head.replace(QUANTITY, "").trim();
  if (!words || words.split(/\s+/).length > 4) return none;
  const last = words.split(/\s+/).at(-1)!;
  if (!(COLLECTIVE.test(words) || COLLECTIVE.test(last) || (/[^s]s$/.test(last) && last.length > 3))) return none;
  if (/^(?:it|them|users?|people|customers?|consumers?|data|information|others|anyone|ways|details|times|years|months|days|lists|records|profiles|recordings|messages|photos|images|locations|histories|results|ads|advertisements|purposes|reasons|features|settings|rules|terms|products|this|that|families|children|members|owners|employees|homes|devices|phones)$/.test(last)) return none;
  return { parties: [{ id: slugify(words), name: words, group: true }], consumed };
}

interface Clause {
  start: number;
  end: number;
}

export function findGrants(text: string, sentences: Sentence[], mentions: Mentions, known: Known, published?: string): CandidateGrant[] {
  const grants: CandidateGrant[] = [];
  /** The actors of the sentences before (the subject a pronoun or "the company" stands for). */
  let lastSubjects: OrgMention[] = [];
  for (const [sentenceIndex, sentence] of sentences.entries()) {
    // Narration only: quoted words are the speaker's, documented as statements.
    let words = text.slice(sentence.start, sentence.end);
    for (const q of sentence.quotes) words = words.slice(0, q.open - sentence.start) + " ".repeat(Math.max(0, Math.min(q.close, sentence.end) - q.open)) + words.slice(q.close - sentence.start);
    const base = sentence.start;
    const orgs = mentions.organizations.filter((m) => m.start >= base && m.end <= sentence.end);
    const previousSentence = sentences[sentenceIndex - 1];
    // (an organisation after a preposition, "agencies of the Department of Homeland Security", is not one an anaphor stands for)
    const previousOrgs = mentions.organizations
      .filter((m) => m.start >= (previousSentence?.start ?? base) && m.end <= sentence.end)
      .map((m) => ({ ...m, possessor: PREPOSITION_BEFORE.test(text.slice(Math.max(0, m.start - 24), m.start)) }));
    const data = dataOf(words, known);
    const caps = capabilitiesOf(words);
    const period = periodOf(words, published);
    const found: CandidateGrant[] = [];
    const add = (grant: Omit<CandidateGrant, "data" | "capabilities" | "sentence" | "validFrom" | "validTo">) => {
      if (grant.grantor && grant.grantor.id === grant.grantee.id) return -1;
      const same = grants.findIndex((g) => g.sentence === sentence && g.grantor?.id === grant.grantor?.id && g.grantee.id === grant.grantee.id);
      if (same >= 0) return same;
      grants.push({ ...grant, data, capabilities: caps, sentence, ...period });
      found.push(grants.at(-1)!);
      return grants.length - 1;
    };
    const at = (m: OrgMention) => m.start - base;
    const isVerb = (index: number) => mentions.verbs.has(base + index);

    const clauseOf = (index: number): Clause => {
      let start = 0;
      for (const m of words.matchAll(CLAUSE_START)) if (m.index + m[0].length <= index) start = Math.max(start, m.index + m[0].length);
      let end = words.length;
      for (const m of words.matchAll(CLAUSE_END)) if (m.index >= index) {
        end = m.index;
        break;
      }
      return { start, end };
    };
    const denied = (clause: Clause, index: number) => DENIED.test(words.slice(Math.max(clause.start, index - 40), index));
    const passive = (clause: Clause, index: number) => /\b(?:was|were|been|being|is|are|be|get|got)\s+(?:[a-z]+ly\s+)?$/i.test(words.slice(clause.start, index));

    /** The actor of the verb at `index`: the organisation (or list) before it in its clause, the antecedent of "which", or the one a pronoun stands for. */
    const subjectOf = (clause: Clause, index: number): { parties: OrgMention[]; how: string } | undefined => {
      const lead = words.slice(clause.start, index);
      const candidates = orgs.filter((m) => at(m) >= clause.start && at(m) < index && !PREPOSITION_BEFORE.test(words.slice(Math.max(clause.start, at(m) - 24), at(m))));
      const nearest = candidates.at(-1);
      if (nearest && !/^\s*,?\s*(?:which|who|that)\b/.test(lead)) {
        // "Cuebiq and Arity said …", "ICE and CBP … have bought": the whole list.
        const list = [nearest];
        for (const prev of [...candidates].reverse().slice(1)) {
          const gap = text.slice(prev.end, list[0].start);
          if (/^(?:\s*,\s*|(?:\s*,)?\s+(?:and|&)\s+)$/.test(gap)) list.unshift(prev);
          else break;
        }
        return { parties: list, how: "named before the verb" };
      }
      // "Gravy Analytics, which passes …": the antecedent.
      if (/^\s*(?:which|who|that)\b/.test(lead) || /,\s*which\s+(?:\w+\s+){0,2}$/.test(words.slice(0, index))) {
        const antecedent = orgs.filter((m) => at(m) < clause.start || (at(m) < index && /,\s*$/.test(words.slice(at(m) + (m.end - m.start), at(m) + (m.end - m.start) + 3)))).at(-1);
        if (antecedent && /^[\s,]*(?:(?:a|an|the)\s+[^,]{0,40},\s*)?(?:which|who|that)\b/.test(words.slice(at(antecedent) + (antecedent.end - antecedent.start)))) return { parties: [antecedent], how: "the organisation “which” stands for" };
        if (antecedent && clause.start > 0 && at(antecedent) < clause.start && /,\s*$/.test(words.slice(0, clause.start).replace(/which\s*$/, "").trimEnd() + ",")) return { parties: [antecedent], how: "the organisation “which” stands for" };
      }
      // A pronoun or "the company": the actor before, or the sentence's own subject.
      if (PRONOUN_SUBJECT.test(lead) || lead.trim() === "" || /^\s*(?:the|its|their)\b/i.test(lead)) {
        const sentenceSubject = orgs.filter((m) => at(m) < clause.start && !PREPOSITION_BEFORE.test(words.slice(Math.max(0, at(m) - 24), at(m))))[0];
        if (sentenceSubject) return { parties: [sentenceSubject], how: "the subject of the sentence" };
        if (lastSubjects.length) return { parties: lastSubjects, how: "the actor of the sentence before" };
      }
      return undefined;
    };

    /** "the information from Facebook was shared": the organisation the data is from. */
    const sourceBefore = (clause: Clause, index: number) => orgs.filter((m) => at(m) >= clause.start && at(m) < index && /\bfrom\s+(?:the\s+)?$/i.test(words.slice(Math.max(0, at(m) - 10), at(m)))).at(-1);
    const fallbackGrantor = (not?: string) => {
      const inSentence = found.find((g) => g.grantor && g.grantor.id !== not)?.grantor;
      if (inSentence) return inSentence;
      const counts = new Map<string, { p: Party; n: number }>();
      for (const g of grants) if (g.grantor && g.grantor.id !== not) counts.set(g.grantor.id, { p: g.grantor, n: (counts.get(g.grantor.id)?.n ?? 0) + 1 });
      const dominant = [...counts.values()].sort((a, b) => b.n - a.n)[0]?.p;
      if (dominant) return dominant;
      const last = lastCompanyBefore(mentions, base, not);
      return last && party(last);
    };
    let sentenceSubjects: OrgMention[] = [];
    const remember = (parties: OrgMention[]) => {
      if (sentenceSubjects.length === 0) sentenceSubjects = parties;
    };

    // Buyers listed: "the company's biggest buyers included Cuebiq, X-Mode and Arity".
    for (const m of words.matchAll(RECIPIENTS)) {
      const clause = clauseOf(m.index);
      const listed = objectParties(text, base + m.index + m[0].length - 1, base + clause.end, orgs, previousOrgs).filter((p) => !p.group);
      if (listed.length === 0) continue;
      const owner = orgs.filter((o) => at(o) >= clause.start && at(o) < m.index && /^['’]s\b/.test(words.slice(at(o) + (o.end - o.start)))).at(-1);
      const grantor = owner ? party(owner) : /\bthe (?:company|firm|app)['’]s\s+(?:[\w-]+\s+){0,2}$/i.test(words.slice(clause.start, m.index)) ? (lastSubjects[0] ? party(lastSubjects[0]) : fallbackGrantor()) : undefined;
      if (!grantor) continue;
      for (const grantee of listed) add({ grantor, grantee, verb: m[0].trim(), reason: `${grantor.name}'s ${m[0].trim()} ${grantee.name}`, confidence: 0.6 });
    }

    type Event = { kind: "give" | "transfer" | "collect" | "had" | "buy"; index: number; end: number; word: string };
    const events: Event[] = [];
    const taken = new Set<number>();
    const push = (kind: Event["kind"], re: RegExp, check = true) => {
      for (const m of words.matchAll(re)) {
        if (taken.has(m.index)) continue;
        if (check && !isVerb(m.index)) continue;
        events.push({ kind, index: m.index, end: m.index + m[0].length, word: m[1] ?? m[0] });
        taken.add(m.index);
      }
    };
    for (const m of words.matchAll(HAD_ACCESS)) {
      events.push({ kind: "had", index: m.index, end: m.index + m[0].length, word: m[0] });
      taken.add(m.index);
    }
    for (const m of words.matchAll(GIVE)) {
      const clause = clauseOf(m.index);
      const rest = words.slice(m.index + m[0].length, clause.end);
      // "gave Y access", "allowed Y to collect", "sold the agencies access"
      if (!taken.has(m.index) && (/^\s+(?:[^;]{0,80}?\s)?access\b/.test(rest) || (/^(?:allowed|allows|allow|allowing|let|lets)$/.test(m[1]) && /^\s+[^;]{1,80}?\s+(?:to\s+)?(?:access|collect|see|read|view|use|obtain|download|scrape|gather|harvest|track)\b/.test(rest)))) {
        events.push({ kind: "give", index: m.index, end: m.index + m[0].length, word: m[1] });
        taken.add(m.index);
      }
    }
    push("transfer", TRANSFER);
    push("collect", COLLECT);
    push("buy", BUY);
    events.sort((a, b) => a.index - b.index);

    for (const event of events) {
      const clause = clauseOf(event.index);
      if (denied(clause, event.index)) continue;
      const subject = subjectOf(clause, event.index);
      if (event.kind === "give") {
        const rest = words.slice(event.end, clause.end);
        const stop = rest.search(/\baccess\b|\bto\s+(?:access|collect|see|read|view|use|obtain|download|scrape|gather|harvest|track)\b/);
        const grantees = objectParties(text, base + event.end, base + event.end + (stop >= 0 ? stop : rest.length), orgs, previousOrgs);
        const grantor = subject?.parties[0] ? party(subject.parties[0]) : fallbackGrantor();
        if (subject) remember(subject.parties);
        for (const grantee of grantees) add({ grantor, grantee, verb: event.word, reason: `“${grantor?.name ?? "…"} ${event.word} ${grantee.name} … access”`, confidence: subject ? 0.8 : 0.6 });
        continue;
      }
      if (event.kind === "had") {
        if (passive(clause, event.index)) continue;
        const grantees = subject?.parties ?? [];
        if (grantees.length === 0) continue;
        remember(grantees);
        const after = orgs.find((m) => at(m) > event.end && at(m) < clause.end && /\b(?:to|from|on|at|of)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$/.test(words.slice(event.end, at(m))));
        const grantor = after ? party(after) : fallbackGrantor(grantees[0].id);
        if (!grantor) continue;
        for (const g of grantees) add({ grantor, grantee: party(g), verb: "had access", reason: `“${g.name} … ${event.word}”, from ${grantor.name}`, confidence: after ? 0.65 : 0.5 });
        continue;
      }
      if (event.kind === "buy") {
        const rest = words.slice(event.end, clause.end);
        const fromAt = rest.search(/\bfrom\b/);
        if (fromAt < 0) continue;
        const seller = orgs.find((m) => at(m) > event.end + fromAt && at(m) < clause.end);
        const buyers = subject?.parties ?? [];
        if (!seller || buyers.length === 0) continue;
        for (const b of buyers) add({ grantor: party(seller), grantee: party(b), verb: event.word, reason: `“${b.name} ${event.word} … from ${seller.name}”`, confidence: 0.6 });
        continue;
      }
      if (event.kind === "transfer") {
        const rest = words.slice(event.end, clause.end);
        if (/^(?:informed|notified)$/.test(event.word)) {
          // "X informed Facebook when …": the one informed receives the data.
          const grantee = orgs.find((m) => at(m) > event.index && at(m) - event.end < 30);
          const grantor = subject?.parties[0] ? party(subject.parties[0]) : fallbackGrantor();
          if (grantee && grantor) add({ grantor, grantee: party(grantee), verb: event.word, reason: `“${grantor.name} ${event.word} ${grantee.name}”`, confidence: 0.6 });
          if (subject) remember(subject.parties);
          continue;
        }
        const isPassive = passive(clause, event.index);
        const source = isPassive ? sourceBefore(clause, event.index) : undefined;
        let grantor: Party | undefined = isPassive ? (source ? party(source) : undefined) : subject?.parties[0] ? party(subject.parties[0]) : undefined;
        if (!isPassive && subject) remember(subject.parties);
        if (!grantor && !isPassive && !subject) grantor = fallbackGrantor();
        if (!grantor && isPassive) grantor = fallbackGrantor();
        if (!grantor) continue;
        // The recipients: after "to"/"with" (not the infinitive "to"), or the first object ("sent Facebook the names").
        // (up to a relative clause: "an analytics tool that Facebook offers to app developers" is not where the data went)
        const relative = rest.search(/\b(?:that|which|who)\s+(?:[A-Z][\p{L}\p{N}]*|it|they|the)(?![\p{L}\p{N}])/u);
        const toAt = [...rest.slice(0, relative >= 0 ? relative : rest.length).matchAll(/\b(?:to|with)\s+/g)].find((m) => {
          const next = rest.slice(m.index + m[0].length);
          return !isVerb(event.end + m.index + m[0].length) || /^(?:[A-Z]|the\b|its\b|their\b)/.test(next) || COLLECTIVE.test(/^[a-z]+/.exec(next)?.[0] ?? "") || /^[a-z]+[^s]s\b/.test(next);
        });
        const throughAt = /\b(?:through|via)\s+/.exec(rest);
        let grantees: Party[] = [];
        if (toAt) {
          const zoneEnd = throughAt && throughAt.index > toAt.index ? throughAt.index : rest.length;
          const second = /\s(?:,\s*)?and\s+(?:also\s+)?(?:with|to)\s+/.exec(rest.slice(toAt.index + toAt[0].length, zoneEnd));
          const firstEnd = second ? toAt.index + toAt[0].length + second.index : zoneEnd;
          grantees = objectParties(text, base + event.end + toAt.index + toAt[0].length, base + event.end + firstEnd, orgs, previousOrgs);
          // "with IBM affiliates and with third parties": a second recipient phrase.
          if (second) grantees.push(...objectParties(text, base + event.end + firstEnd + second[0].length, base + event.end + zoneEnd, orgs, previousOrgs));
        } else {
          const direct = orgs.find((m) => at(m) > event.end && /^\s+(?:the\s+)?$/.test(words.slice(event.end, at(m))));
          const collective = /^\s+(?:the\s+)?([a-z]+(?:\s+enforcement)?)\b/.exec(rest);
          if (direct) grantees = [party(direct)];
          else if (collective && COLLECTIVE.test(collective[1])) grantees = [{ id: slugify(collective[1]), name: collective[1], group: true }];
          else if (/^\s+(?:it|them)\s/.test(rest) && sentenceSubjects[0] && sentenceSubjects[0].id !== grantor.id) grantees = [party(sentenceSubjects[0])];
          else if (/^\s+(?:it|them)\s/.test(rest) && lastSubjects[0] && lastSubjects[0].id !== grantor.id) grantees = [party(lastSubjects[0])];
        }
        // "sold … to clients through a subsidiary called Jumpshot": the subsidiary gets it first and passes it on.
        const through = throughAt
          ? orgs.find((m) => at(m) > event.end + throughAt.index && /^\s*(?:(?:a|an|its|the|their)\s+(?:[a-z-]+\s+){0,2}(?:subsidiary|unit|arm|division|affiliate|company|firm|broker|vendor|partner|contractor|intermediary|start-?up)\s+(?:called\s+|named\s+)?|the\s+)?$/.test(words.slice(event.end + throughAt.index + throughAt[0].length, at(m))))
          : undefined;
        if (through && grantees.every((g) => g.id !== through.id)) {
          const first = add({ grantor, grantee: party(through), verb: event.word, reason: `“${grantor.name} ${event.word} … through ${through.name}”`, confidence: 0.65 });
          for (const grantee of grantees) add({ grantor: party(through), grantee, verb: event.word, derivedFrom: first >= 0 ? first : undefined, reason: `“${event.word} … to ${grantee.name} through ${through.name}”: ${through.name} passes it on`, confidence: 0.6 });
          continue;
        }
        // "…, which passed it to Z": passed on from the grant whose grantee is the one passing it.
        const passedOn = subject?.how.includes("which") ? grants.findIndex((g) => g.grantee.id === grantor!.id) : -1;
        for (const grantee of grantees)
          add({ grantor, grantee, verb: event.word, ...(passedOn >= 0 ? { derivedFrom: passedOn } : {}), reason: `“${grantor.name} ${event.word} … ${grantee.group ? "to" : ""} ${grantee.name}”${isPassive ? " (the data is from the grantor)" : ""}${passedOn >= 0 ? ": passed on" : ""}`, confidence: subject || source ? 0.75 : 0.55 });
        continue;
      }
      if (event.kind === "collect") {
        // "allowed developers to collect …": the grant of the verb before, not a collection of the subject's own.
        if (/\bto\s+$/.test(words.slice(0, event.index)) && events.some((e) => e.kind === "give" && e.index < event.index && e.index >= clause.start)) continue;
        if (passive(clause, event.index)) {
          const by = orgs.find((m) => at(m) > event.end && at(m) < clause.end && /\bby\s+(?:the\s+)?$/.test(words.slice(event.end, at(m))));
          if (by) add({ grantor: undefined, grantee: party(by), verb: event.word, reason: `data ${event.word} by ${by.name} itself: no grantor`, confidence: 0.55 });
          continue;
        }
        // A participle after a noun ("recordings captured in customers' homes") has no actor in the clause.
        if (/\b[a-z]{3,}\s+$/.test(words.slice(Math.max(clause.start, event.index - 20), event.index)) && !/\b(?:has|have|had|and|or|also|then|which|that|who|it|they)\s+$/i.test(words.slice(Math.max(clause.start, event.index - 20), event.index)) && /ed$/.test(event.word) && /^\s+(?:from|in|on|at|by|through|via|across|without|during|over)\b/.test(words.slice(event.end))) continue;
        if (!subject) continue;
        remember(subject.parties);
        for (const s of subject.parties) add({ grantor: undefined, grantee: party(s), verb: event.word, reason: `“${s.name} ${event.word}” data itself: no grantor`, confidence: 0.6 });
      }
    }
    if (sentenceSubjects.length) lastSubjects = sentenceSubjects;
    else {
      // The sentence's own subject, for a pronoun in the next one.
      const first = orgs.find((m) => !PREPOSITION_BEFORE.test(words.slice(Math.max(0, at(m) - 24), at(m))) && (m.kind === "COMPANY" || m.kind === "PLATFORM"));
      if (first) lastSubjects = [first];
    }
  }
  return grants;
}

function lastCompanyBefore(mentions: Mentions, at: number, not?: string): OrgMention | undefined {
  return mentions.organizations.filter((m) => m.end <= at && (m.kind === "COMPANY" || m.kind === "PLATFORM") && m.id !== not).at(-1);
}
