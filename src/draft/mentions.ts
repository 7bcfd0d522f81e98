import nlp from "compromise";
import type { OrganizationKind } from "../domain/model.ts";

/**
 * The organisations and people a text names. Known ones (the seeds folder's, the graph's) are found
 * by name and alias and keep their ids; new ones are found from capitalised names, with compromise
 * (a maintained rule-based English tagger, no model download) telling people and places apart, and
 * the words around a name (its suffix: "Inc.", "University", "News"; "the company X", "X said")
 * telling an organisation. Media organisations are recognised as possible publishers.
 */

export interface KnownOrganization {
  id: string;
  name: string;
  aliases: string[];
  kind: OrganizationKind;
}

export interface KnownPerson {
  id: string;
  name?: string | null;
  speaksFor?: string;
}

export interface Known {
  organizations: KnownOrganization[];
  people: KnownPerson[];
  categories: { id: string; name: string; partOf?: string }[];
  /** Where the known entities came from ("seeds/", "the graph"), for the draft's reasons. */
  from: string[];
  /** The seeds' own definitions (`org:<id>`), copied into a draft so that it states the same facts. */
  definitions?: Map<string, Record<string, unknown>>;
}

export interface OrgMention {
  start: number;
  end: number;
  id: string;
  name: string;
  kind: OrganizationKind;
  /** Found as a known organisation (by name or alias) rather than proposed. */
  known: boolean;
  how: string;
}

export interface PersonMention {
  start: number;
  end: number;
  name: string;
  id: string;
}

export const slugify = (name: string) =>
  name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/^the\s+/i, "")
    .toLowerCase()
    .replace(/['’]s\b/g, "s")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/g, "");

/** Media organisations by name (publishers of the reports articles cite); a name ending in a newspaper's word is media too. */
const MEDIA = new Set(
  [
    "New York Times", "Wall Street Journal", "Washington Post", "Guardian", "BBC", "CNN", "Reuters", "Bloomberg", "Motherboard", "Vice", "TechCrunch",
    "BuzzFeed News", "BuzzFeed", "PCMag", "Gizmodo", "Wired", "Verge", "Associated Press", "AP", "Financial Times", "Times", "ProPublica", "Intercept",
    "CNBC", "NBC News", "ABC News", "CBS News", "NPR", "Axios", "Politico", "Forbes", "Business Insider", "Information", "Engadget", "Ars Technica",
    "ZDNet", "Recode", "Vox", "Daily Beast", "Markup", "Atlantic", "Economist", "Le Monde", "Der Spiegel", "Spiegel", "VRT NWS", "Mashable", "CNET",
    "Fast Company", "Quartz", "Slate", "Mother Jones", "Huffington Post", "HuffPost", "Independent", "Telegraph", "Observer", "Sky News", "Al Jazeera",
  ].map((name) => name.toLowerCase()),
);
const MEDIA_SUFFIX = /\b(?:News|Times|Journal|Post|Herald|Tribune|Gazette|Magazine|Weekly|Daily|Ledger|Chronicle|Observer|Review|Press|Desk)$/;
const ORG_SUFFIX =
  /\b(?:Inc|Inc\.|Corp|Corp\.|Corporation|Company|Co\.|plc|PLC|LLC|Ltd|Ltd\.|Group|Holdings|University|Institute|Commission|Department|Agency|Office|Bureau|Ministry|Council|Court|Health|AI|Labs|Bank|Network|Cloud|Media|Foundation|Association|Authority|Administration|Center|Centre|Services|Technologies|Systems|Software|Police|Senate|Congress|Parliament|Pentagon)$/;
const GOVERNMENT = /\b(?:Commission|Department|Agency|Ministry|Bureau|Office|Authority|Administration|Senate|Congress|Parliament|Police|Pentagon|Court|Council)\b/;
const RESEARCH = /\b(?:University|Institute|Lab|Labs|Center|Centre|College|SINTEF)\b/;
const NOT_NAMES = new Set(
  (
    "The A An In On At For And But Or If As By To Of With From This That These Those It Its He She They We You I His Her Their Our My Your Some Many Several " +
    "Most All Any Each Every No None Neither Nor Not Other Others Such After Before During While When Where Why How What Which Who Whom Whose Under Over " +
    "About Also Only Even Still Yet Then There Here Users User People Privacy Security Data Details Browser Extensions Digital Contact Contacts Media Share " +
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December Jan Feb " +
    "Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mr Mrs Ms Dr Senator Sen Rep Representative President Published Updated FOR IMMEDIATE RELEASE About Media " +
    "Breaking Home Sign Subscribe Related Read More Despite Key Neither Nobody Sometimes Let Customers Participation Markets"
  ).split(" "),
);
const TITLES = /^(?:Mr|Mrs|Ms|Dr|Prof|Professor|Senator|Sen|Rep|Representative|President|Judge|Sir|Dame|Lord)\.?\s+/;

/** Capitalised names: runs of capitalised words ("Wall Street Journal", "Department of Health and Human Services", "23andMe", "AT&T"). */
const NAME = /(?:[A-Z0-9][\p{L}\p{N}&'’.+-]*[\p{L}\p{N}&+]|[A-Z]|[a-z]+[A-Z][\p{L}\p{N}]*)(?:(?:[ \t]+(?:of|for|and|&|de|von|van)[ \t]+|[ \t]+|-)(?:[A-Z][\p{L}\p{N}&'’.+-]*[\p{L}\p{N}&+]|[A-Z]|[a-z]+[A-Z][\p{L}\p{N}]*))*/gu;
/** Capitalised words that are not organisations: abbreviations of things, nationalities. */
const NOT_ORGS = /^(?:HIV|AIDS|GPS|IDs?|API|APIs|SDK|iOS|DNA|USB|CEO|CTO|CFO|COO|PR|HIPAA|TV|URL|PDF|FAQ|SMS|VPN|GDPR|CCPA|US|UK|U\.S\.|OK|AM|PM|BST|GMT|UTC|EST|PST|[A-Z][a-z]+(?:ian|ese|ish|ean))$/;

const CONTEXT_BEFORE =
  /(?:\b(?:company|companies|firm|firms|start-up|startup|app|subsidiary|called|named|such as|including|like|clients|carrier|carriers|maker|provider|platform|partners?|with|to|from|at|for|against|and|between|group|service|services|giant|network|site|operator)\s+(?:the\s+)?|\b(?:[Tt]he)\s+)$/;
const CONTEXT_AFTER = /^(?:['’]s\b|\s*,?\s+(?:said|says|told|announced|confirmed|denied|acknowledged|admitted|claimed|wrote|reported|has|had|is|was|will|would|did|does|sold|shared|gave|sent|passed|collected|used|uses|stores|stored|offers|plans|also|later)\b)/;

export interface Mentions {
  organizations: OrgMention[];
  people: PersonMention[];
  /** The organisations by id, with their names and kinds. */
  orgById: Map<string, { id: string; name: string; kind: OrganizationKind; known: boolean; aliases: Set<string>; how: string }>;
}

const escape = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export function isMediaName(name: string): boolean {
  const bare = name.replace(/^the\s+/i, "");
  return MEDIA.has(bare.toLowerCase()) || MEDIA_SUFFIX.test(bare);
}

export function kindOf(name: string): OrganizationKind {
  if (isMediaName(name)) return "MEDIA";
  if (GOVERNMENT.test(name) || /^(?:FTC|FCC|SEC|HHS|ICO|CNIL|EU|European Commission)$/.test(name)) return "GOVERNMENT";
  if (RESEARCH.test(name)) return "RESEARCH";
  return "COMPANY";
}

interface Candidate {
  start: number;
  end: number;
  name: string;
}

/** Finds the organisations and people named in `text`; `quoted` are spans not to look inside (quotations). */
export function findMentions(text: string, known: Known, sentenceStarts: Set<number>): Mentions {
  const organizations: OrgMention[] = [];
  const orgById: Mentions["orgById"] = new Map();
  const taken: [number, number][] = [];
  const overlaps = (start: number, end: number) => taken.some(([s, e]) => start < e && end > s);
  const addOrg = (start: number, end: number, id: string, name: string, kind: OrganizationKind, isKnown: boolean, how: string) => {
    organizations.push({ start, end, id, name, kind, known: isKnown, how });
    taken.push([start, end]);
    const entry = orgById.get(id);
    if (entry) entry.aliases.add(text.slice(start, end));
    else orgById.set(id, { id, name, kind, known: isKnown, aliases: new Set([text.slice(start, end)]), how });
  };

  // Known organisations, longest names first, by name and alias (aliases in any case: "the social network").
  const names = known.organizations.flatMap((org) => [org.name, ...org.aliases].map((name) => ({ org, name })));
  names.sort((a, b) => b.name.length - a.name.length);
  for (const { org, name } of names) {
    const caseless = name !== org.name && /^[a-z]/.test(name.replace(/^the\s+/i, ""));
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(name.replace(/^the\s+/i, ""))}(?![\\p{L}\\p{N}])`, caseless ? "giu" : "gu");
    for (const match of text.matchAll(re)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!overlaps(start, end)) addOrg(start, end, org.id, org.name, org.kind, true, `known organisation (${known.from.join(", ")}), by ${name === org.name ? "name" : `alias “${name}”`}`);
    }
  }

  // compromise's reading of the text: people and places, and its own organisations.
  const doc = nlp(text);
  const spansOf = (view: { json(options: object): unknown }) =>
    (view.json({ offset: true }) as { text: string; offset: { start: number; length: number } }[]).map((item) => {
      const raw = text.slice(item.offset.start, item.offset.start + item.offset.length).replace(/[.,;:!?'’]+$|['’]s$/u, "");
      return { start: item.offset.start, end: item.offset.start + raw.length };
    });
  const nlpPeople = spansOf(doc.people());
  const nlpPlaces = spansOf(doc.places());
  const nlpOrgs = spansOf(doc.organizations());
  const inAny = (list: { start: number; end: number }[], start: number, end: number) => list.some((s) => start < s.end && end > s.start);

  // Names: runs of capitalised words.
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(NAME)) {
    let name = match[0].replace(/[.'’]+$/u, "").replace(/['’]s$/u, "");
    let start = match.index;
    // Leading words that are not part of a name ("In Washington", "The Times").
    for (;;) {
      const first = /^([\p{L}\p{N}.]+)\s+/u.exec(name);
      if (!first || !NOT_NAMES.has(first[1].replace(/\.$/, ""))) break;
      start += first[0].length;
      name = name.slice(first[0].length);
    }
    name = name.replace(/\s+(?:and|of|for|&)$/, "");
    if (!name || NOT_NAMES.has(name.replace(/\.$/, ""))) continue;
    // "Apptimize and Localytics" is two names; "Department of Health and Human Services" one.
    const and = name.indexOf(" and ");
    if (and > 0 && !/ (?:of|for) /.test(name.slice(0, and))) {
      candidates.push({ start, end: start + and, name: name.slice(0, and) });
      const second = name.slice(and + 5);
      candidates.push({ start: start + and + 5, end: start + and + 5 + second.length, name: second });
      continue;
    }
    candidates.push({ start, end: start + name.length, name });
  }
  const counts = new Map<string, number>();
  for (const c of candidates) if (!sentenceStarts.has(c.start)) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);

  const people: PersonMention[] = [];
  for (const c of candidates) {
    if (overlaps(c.start, c.end) || NOT_ORGS.test(c.name)) continue;
    // Numbers and dates are not names ("29", "2018", "13-07-2022", "27 January"); "23andMe" is.
    if (/^[\d\s.,:/-]+$/.test(c.name) || /^\d+[\s.-]/.test(c.name) || !/[A-Za-z]/.test(c.name)) continue;
    const before = text.slice(Math.max(0, c.start - 40), c.start);
    const after = text.slice(c.end, c.end + 40);
    const titled = TITLES.test(`${before.split(/\s+/).slice(-2).join(" ")} `.trimStart()) || /(?:Mr|Mrs|Ms|Dr|Senator|Sen|Rep)\.?\s+$/.test(before);
    const words = c.name.split(/\s+/);
    const looksOrg = ORG_SUFFIX.test(c.name) || isMediaName(c.name) || /[a-z][A-Z]|[0-9]|&|^[A-Z]{2,}$|^[A-Z]-/.test(c.name.replace(/^(?:Mc|Mac|O'|De|La)/, ""));
    const personish = !looksOrg && (titled || inAny(nlpPeople, c.start, c.end) || (words.length >= 2 && words.length <= 3 && words.every((w) => /^[A-Z][\p{Ll}'’]+(?:-[A-Z]?[\p{Ll}]+)?$/u.test(w)) && /^\s*,\s+(?:a|an|the|who|[A-Z][\p{L}]*['’]s)\b/u.test(after)));
    if (personish && words.length >= 1 && !(words.length === 1 && !titled)) {
      people.push({ start: c.start, end: c.end, name: c.name, id: slugify(c.name) });
      taken.push([c.start, c.end]);
      continue;
    }
    if (inAny(nlpPlaces, c.start, c.end) && !looksOrg) continue;
    const atSentenceStart = sentenceStarts.has(c.start) || /(?:^|\n)\s*$/.test(before);
    const context = CONTEXT_BEFORE.test(before) || CONTEXT_AFTER.test(after) || inAny(nlpOrgs, c.start, c.end);
    const repeated = (counts.get(c.name) ?? 0) >= 1;
    if (!(looksOrg || context || (repeated && !atSentenceStart))) continue;
    if (atSentenceStart && !looksOrg && !repeated && !CONTEXT_AFTER.test(after)) continue;
    // A single capitalised word only where the context says it is an organisation.
    if (words.length === 1 && !looksOrg && !context && !repeated) continue;
    const bare = c.name.replace(/\s+(?:Inc\.?|Corp\.?|plc|PLC|LLC|Ltd\.?|Holdings(?:\s+Inc\.?)?)$/, "");
    // A short form of an organisation already found ("Flo" for "Flo Health", "Clearview" for "Clearview AI").
    const longer = [...orgById.values()].find((org) => org.name.startsWith(`${bare} `) || org.name === bare);
    if (longer) {
      addOrg(c.start, c.end, longer.id, longer.name, longer.kind, longer.known, `short form of ${longer.name}`);
      continue;
    }
    const id = slugify(bare);
    if (!id) continue;
    addOrg(c.start, c.end, id, bare, kindOf(bare), false, looksOrg ? "named like an organisation" : "named where an organisation stands");
  }
  // Short forms found before their long name ("the Journal" after "The Wall Street Journal"): the last word of an organisation's name.
  for (const org of [...orgById.values()]) {
    const last = org.name.split(/\s+/).at(-1)!;
    if (org.name.split(/\s+/).length < 2 || !/^[A-Z]/.test(last) || NOT_NAMES.has(last)) continue;
    for (const match of text.matchAll(new RegExp(`\\bthe (${escape(last)})\\b`, "g"))) {
      const start = match.index + 4;
      const end = start + last.length;
      if (overlaps(start, end)) {
        // "the Journal" taken as its own organisation: it is the long one's short form.
        const own = organizations.find((m) => m.start === start && m.end === end && m.id === slugify(last));
        if (own) {
          own.id = org.id;
          own.name = org.name;
          own.kind = org.kind;
          own.how = `short form of ${org.name}`;
          orgById.delete(slugify(last));
        }
        continue;
      }
      addOrg(start, end, org.id, org.name, org.kind, org.known, `short form of ${org.name}`);
    }
  }
  // Abbreviations given in parentheses: "GlaxoSmithKline plc (GSK)".
  for (const match of text.matchAll(/\(([A-Z][A-Za-z&]{1,8})\)/g)) {
    const before = organizations.filter((m) => m.end <= match.index && match.index - m.end <= 6).at(-1);
    if (!before) continue;
    const abbreviation = match[1];
    orgById.get(before.id)?.aliases.add(abbreviation);
    for (const use of text.matchAll(new RegExp(`\\b${escape(abbreviation)}\\b`, "g"))) {
      const start = use.index;
      const end = start + abbreviation.length;
      const own = organizations.find((m) => m.start === start && m.end === end);
      if (own && own.id !== before.id) {
        orgById.delete(own.id);
        Object.assign(own, { id: before.id, name: before.name, kind: before.kind, how: `abbreviation of ${before.name}` });
      } else if (!own && !overlaps(start, end)) addOrg(start, end, before.id, before.name, before.kind, before.known, `abbreviation of ${before.name}`);
    }
  }
  // Known people by name and by surname alone ("Markey" after "Senator Edward Markey").
  for (const person of known.people) {
    if (!person.name) continue;
    for (const match of text.matchAll(new RegExp(`\\b${escape(person.name)}\\b`, "g"))) {
      if (!people.some((p) => p.start === match.index)) people.push({ start: match.index, end: match.index + person.name.length, name: person.name, id: person.id });
    }
  }
  for (const person of [...people]) {
    const surname = person.name.split(/\s+/).at(-1)!;
    if (person.name.split(/\s+/).length < 2) continue;
    for (const match of text.matchAll(new RegExp(`(?<![\\p{L}] )\\b${escape(surname)}\\b`, "gu"))) {
      if (people.some((p) => match.index >= p.start && match.index < p.end)) continue;
      people.push({ start: match.index, end: match.index + surname.length, name: person.name, id: person.id });
    }
  }
  // A titled surname alone ("Ms. Rivera") names the person of that surname when the text gives the full name.
  for (const person of people) {
    const bare = person.name.replace(TITLES, "");
    if (bare !== person.name) {
      const full = people.find((p) => p !== person && p.name.endsWith(` ${bare}`) && p.name.replace(TITLES, "") !== bare);
      person.name = full ? full.name : bare;
      person.id = full ? full.id : slugify(bare);
    }
  }
  // A one-word organisation that is the first word of another's name is its short form ("Flo", "Flo Health").
  for (const org of [...orgById.values()]) {
    if (org.known || org.name.includes(" ")) continue;
    const longer = [...orgById.values()].find((o) => o !== org && o.name.startsWith(`${org.name} `));
    if (!longer) continue;
    for (const m of organizations) if (m.id === org.id) Object.assign(m, { id: longer.id, name: longer.name, kind: longer.kind, how: `short form of ${longer.name}` });
    longer.aliases.add(org.name);
    orgById.delete(org.id);
  }
  // A person's name is not an organisation's (a byline's "By Priya Raman").
  for (const person of people) {
    const wrong = organizations.filter((m) => m.name === person.name);
    for (const m of wrong) organizations.splice(organizations.indexOf(m), 1);
    if (wrong.length) orgById.delete(wrong[0].id);
  }
  organizations.sort((a, b) => a.start - b.start);
  people.sort((a, b) => a.start - b.start);
  return { organizations, people, orgById };
}
