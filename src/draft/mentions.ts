import nlp from "compromise";
import type { OrganizationKind } from "../domain/model.ts";
import type { QuoteSpan } from "./sentences.ts";

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
  /\b(?:Inc|Inc\.|Corp|Corp\.|Corporation|Company|Co\.|plc|PLC|LLC|Ltd|Ltd\.|Group|Holdings|University|Institute|Commission|Department|Agency|Office|Bureau|Ministry|Council|Court|Health|AI|Labs|Bank|Network|Cloud|Media|Foundation|Association|Authority|Administration|Center|Centre|Services|Technologies|Systems|Software|Police|Senate|Congress|Parliament|Pentagon|Attorney|Attorney General|Prosecutor|Ombudsman|Comptroller|Sheriff|Auditor)$|^(?:City|County|State|Town|Borough|Province|Republic|Commonwealth) of [A-Z]/;
const GOVERNMENT = /^(?:City|County|State|Town|Borough|Province|Republic|Commonwealth) of |\b(?:Attorney|Prosecutor|Ombudsman|Comptroller|Sheriff|Commission|Department|Agency|Ministry|Bureau|Office|Authority|Administration|Senate|Congress|Parliament|Police|Pentagon|Court|Council|Customs|Immigration|Enforcement|Border|Military|Army|Navy)\b/;
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
const NOT_ORGS = /^(?:HIV|AIDS|GPS|IDs?|API|APIs|SDK|iOS|DNA|USB|CEO|CTO|CFO|COO|PR|HIPAA|TV|URL|PDF|FAQ|SMS|VPN|GDPR|CCPA|US|UK|U\.S\.|OK|AM|PM|BST|GMT|UTC|EST|PST|IP|IPs|ISP|NFC|RFID|QR|AI|VR|AR|i[A-Z][a-z]+)$/;
/** Nationalities compromise does not tag as demonyms. */
const NATIONALITY = /^(?:British|English|Scottish|Irish|Welsh|Danish|Swedish|Finnish|Polish|Spanish|Turkish|Flemish|Dutch|French|Swiss|Greek|Thai)$/;
/** Names of laws and rules, not of organisations ("the California Consumer Privacy Act", "its Health Breach Notification Rule"). */
const LAW = /\b(?:Act|Rule|Rules|Law|Laws|Regulation|Directive|Amendment|Bill|Treaty|Convention)$/;
/** The words an organisation suffix alone is ("23andMe, Inc."): not a name of its own. */
const SUFFIX_ONLY = /^(?:Inc|Corp|Co|Ltd|LLC|plc|PLC|LLP|GmbH|AG|SA|NV)\.?$/;
/** Products named after their maker: "an Amazon Tablet", "Google Maps": the maker is the organisation. */
const PRODUCT_WORD = /\s+(?:Tablet|Tablets|Phone|Phones|Watch|App|Apps|Store|Account|Accounts|Assistant|Maps|Messenger|Echo|Pay|Photos|Drive|Speaker|Speakers|Doorbell|Camera|Browser|Glass|TV)$/;
/** What follows a person's name more than an organisation's: "the Trump campaign", "the Obama administration". */
const PERSONS_THING = /^\s+(?:campaign|administration|era|presidency|family|estate)\b/;
/** The lowercase nouns of a product after its name: "its Alexa digital assistant", "its Google+ social network". */
const PRODUCT_NOUN = /^\s+(?:[a-z-]+\s+){0,2}(?:assistant|app|apps|software|service|feature|device|speaker|speakers|camera|cameras|doorbell|doorbells|platform|network|browser|extension|tool|program|programme|product|system|console|headset|glasses|watch|phone|tablet|map|heatmap)\b/;
/** A person's role just before a name: "journalist Kashmir Hill", "Clearview's founder, Hoan Ton-That". */
const ROLE_BEFORE = /\b(?:journalist|reporter|columnist|correspondent|editor|researcher|professor|lecturer|scientist|analyst|lawyer|attorney|founder|co-founder|chief executive|chief \w+ officer|executive|spokesperson|spokesman|spokeswoman|director|president|chairman|chairwoman|engineer|economist|whistleblower|activist|author|student)\s*,?\s*$/;
/** An appositive saying what an organisation is: "Meta, Facebook's parent company,"; "Arity, the data unit of Allstate". */
const ORG_APPOSITIVE = /^,\s+(?:(?:a|an|the|its|their)\s+|[A-Z][\p{L}\p{N}&.+-]*['’]s\s+)(?:[\p{L}-]+\s+){0,3}(?:company|companies|firm|parent|subsidiary|unit|arm|division|start-up|startup|maker|owner|operator|group|broker|provider|developer|app|service|agency|regulator|newspaper|network|platform|publisher|insurer|bank|carrier|retailer|manufacturer|organisation|organization|non-profit|nonprofit|charity)\b(?!['’])/u;


const CONTEXT_BEFORE =
  /(?:\b(?:company|companies|firm|firms|start-up|startup|app|subsidiary|called|named|such as|including|like|clients|carrier|carriers|maker|provider|platform|partners?|with|to|from|at|for|against|and|between|group|service|services|giant|network|site|operator)\s+(?:the\s+)?|\b(?:[Tt]he)\s+)$/;
const CONTEXT_AFTER = /^(?:['’]s\b|\s*\((?:[A-Z][A-Za-z&]{1,8})\)|\s*,?\s+(?:said|says|told|announced|confirmed|denied|acknowledged|admitted|claimed|wrote|reported|has|had|is|was|will|would|did|does|sold|shared|gave|sent|passed|collected|used|uses|stores|stored|offers|plans|also|later)\b)/;

export interface Mentions {
  organizations: OrgMention[];
  people: PersonMention[];
  /** Where compromise reads a verb: the offsets of the words it tags as verbs ("records" in "it records audio", not in "location records"). */
  verbs: Set<number>;
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
  // Non-profits, unions, advocacy groups
  if (/\b(?:Foundation|Union|Coalition|Alliance|Watch|Federation|Society|Trust|Campaign|Project)\b/.test(name)) return "OTHER";
  return "COMPANY";
}

interface Candidate {
  start: number;
  end: number;
  name: string;
  /** The other name of "X and Y", where it was split. */
  sibling?: number;
}

/** The initials of a name, without its small words: "Federal Trade Commission" → "FTC", "Immigration and Customs Enforcement" → "ICE". */
export const initialsOf = (name: string) =>
  name
    .split(/[\s-]+/)
    .filter((w) => /^[A-Z]/.test(w))
    .map((w) => w[0])
    .join("");

/** Datelines ("SAN FRANCISCO, Jan. 29, 2018 —", "Berlin/Washington, 13.07.2022 —"): their places are not organisations. */
function datelines(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const line of text.matchAll(/(?:^|\n)([^\n]{1,110}?)\s*(?:—|–|--)/g)) {
    const head = line[1];
    const start = line.index + line[0].indexOf(head);
    const dated = /\d{4}|\d{1,2}\.\d{1,2}\.\d{2,4}/.test(head);
    const caps = /^[A-Z][A-Z .,'/&-]+$/.test(head.replace(/\b[A-Z][a-z]{1,5}\.(?=,|\s)/g, "X"));
    if ((dated || caps) && !/\b[a-z]{4,}\b/.test(head.replace(/\/PRNewswire\//g, ""))) spans.push([start, start + head.length]);
  }
  return spans;
}

/** Finds the organisations and people named in `text`; `quotes` are its quotations (a short quoted name is a product's, not an organisation's). */
export function findMentions(text: string, known: Known, sentenceStarts: Set<number>, quotes: QuoteSpan[] = []): Mentions {
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
    // An alias written with "the" ("the social network") is that alias only after "the" ("its Google+ social network" is not Facebook).
    const needsThe = name !== org.name && /^the\s+/i.test(name) && caseless;
    const re = new RegExp(`${needsThe ? "(?<=\\b[Tt]he\\s+)" : ""}(?<![\\p{L}\\p{N}])${escape(name.replace(/^the\s+/i, ""))}(?![\\p{L}\\p{N}])`, caseless ? "giu" : "gu");
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
  const nlpDemonyms = spansOf(doc.match("#Demonym"));
  const verbs = new Set<number>();
  for (const sentence of doc.json({ offset: true, terms: { offset: true } }) as { terms: { tags: string[]; offset: { start: number } }[] }[])
    for (const term of sentence.terms) if (term.tags.includes("Verb")) verbs.add(term.offset.start);
  // Short quoted names ("Global Heatmap", ‘All Clicks Feed’, „Neighbors“): a product's or a feature's, not an organisation's.
  const quotedNames = quotes.filter((q) => {
    const words = text.slice(q.start, q.end).replace(/[.,!?]+$/, "").trim().split(/\s+/);
    return words.length <= 4 && words.every((w) => /^[A-Z0-9]/.test(w) || /^(?:with|of|for|and|the|a|to|in|on)$/.test(w));
  });
  const quoteStarts = new Set(quotes.map((q) => q.start));
  const excluded: [number, number][] = [...datelines(text), ...[...text.matchAll(/[\w.+-]+@[\w.-]+|https?:\/\/\S+|www\.\S+/g)].map((m) => [m.index, m.index + m[0].length] as [number, number])];
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
    // "Zoom's iPhone", "FTC's Bureau of Consumer Protection": the owner, then what it owns, apart.
    const possessive = /['’]s\s+/.exec(name);
    if (possessive) {
      candidates.push({ start, end: start + possessive.index, name: name.slice(0, possessive.index) });
      const rest = name.slice(possessive.index + possessive[0].length).replace(/^(?:The|A|An)\s+/, "");
      const restAt = start + name.length - rest.length;
      if (rest && !NOT_NAMES.has(rest)) candidates.push({ start: restAt, end: restAt + rest.length, name: rest });
      continue;
    }
    // "an Amazon Tablet": the maker is the organisation, the product is not.
    const product = PRODUCT_WORD.exec(name);
    if (product && product.index > 0) {
      candidates.push({ start, end: start + product.index, name: name.slice(0, product.index) });
      continue;
    }
    // "the University of California, Berkeley": one name over its comma.
    const campus = /^University of [A-Z][\p{L}]+(?: [A-Z][\p{L}]+)?$/u.test(name) ? /^,\s+([A-Z][\p{L}]+(?:\s+[A-Z][\p{L}]+)?)\b(?!\s*(?:and|said|says|told)\b)/u.exec(text.slice(start + name.length)) : null;
    if (campus && !/^,\s+[A-Z][\p{L}]+\s+(?:and|or)\s/u.test(text.slice(start + name.length))) {
      const end = start + name.length + campus[0].length;
      candidates.push({ start, end, name: text.slice(start, end) });
      continue;
    }
    // "Apptimize and Localytics" is two names; "Department of Health and Human Services" one, and so is
    // "Immigration and Customs Enforcement (ICE)", whose abbreviation says so.
    const and = name.indexOf(" and ");
    const abbreviated = /^\s*\(([A-Z][A-Za-z&]{1,8})\)/.exec(text.slice(start + name.length));
    const whole = abbreviated && abbreviated[1].replace(/[^A-Z]/g, "") === initialsOf(name);
    if (and > 0 && !whole && !/ (?:of|for) /.test(name.slice(0, and))) {
      candidates.push({ start, end: start + and, name: name.slice(0, and), sibling: start + and + 5 });
      const second = name.slice(and + 5).replace(/^(?:The|A|An)\s+/, "");
      candidates.push({ start: start + name.length - second.length, end: start + name.length, name: second, sibling: start });
      continue;
    }
    candidates.push({ start, end: start + name.length, name });
  }
  const counts = new Map<string, number>();
  for (const c of candidates) if (!sentenceStarts.has(c.start) && !quoteStarts.has(c.start)) counts.set(c.name, (counts.get(c.name) ?? 0) + 1);

  const isPossessive = (before: string) => /\b(?:its|their|his|her|our|your)\s+$/i.test(before);
  // Products: a name after "its" and before a product's noun ("its Alexa digital assistant"); every use of that name is the product's.
  const products = new Set(candidates.filter((c) => isPossessive(text.slice(Math.max(0, c.start - 12), c.start)) && PRODUCT_NOUN.test(text.slice(c.end, c.end + 40)) && !ORG_SUFFIX.test(c.name)).map((c) => c.name));
  const quotedOnly = (c: Candidate) => {
    if (!quotedNames.some((q) => c.start >= q.start && c.end <= q.end)) return false;
    // the same name outside every quoted name is an organisation's after all
    return !candidates.some((o) => o.name === c.name && !quotedNames.some((q) => o.start >= q.start && o.end <= q.end));
  };

  const people: PersonMention[] = [];
  for (const c of candidates) {
    if (overlaps(c.start, c.end) || NOT_ORGS.test(c.name)) continue;
    if (excluded.some(([s, e]) => c.start < e && c.end > s) || SUFFIX_ONLY.test(c.name) || LAW.test(c.name) || products.has(c.name) || quotedOnly(c)) continue;
    if ((inAny(nlpDemonyms, c.start, c.end) && !c.name.includes(" ")) || NATIONALITY.test(c.name)) continue;
    // Numbers and dates are not names ("29", "2018", "13-07-2022", "27 January"); "23andMe" is.
    if (/^[\d\s.,:/-]+$/.test(c.name) || /^\d+(?:st|nd|rd|th)?[\s.-]/.test(c.name) || !/[A-Za-z]/.test(c.name)) continue;
    const before = text.slice(Math.max(0, c.start - 40), c.start);
    const after = text.slice(c.end, c.end + 40);
    const titled = TITLES.test(`${before.split(/\s+/).slice(-2).join(" ")} `.trimStart()) || /(?:Mr|Mrs|Ms|Dr|Senator|Sen|Rep)\.?\s+$/.test(before);
    const words = c.name.split(/\s+/);
    const looksOrg = ORG_SUFFIX.test(c.name) || isMediaName(c.name) || /[a-z][A-Z]|[0-9]|&|^[A-Z]{2,}$|^[A-Z]-/.test(c.name.replace(/^(?:Mc|Mac|O'|De|La)/, ""));
    const nameLike = words.length >= 2 && words.length <= 3 && words.every((w) => /^[A-Z][\p{Ll}'’]+(?:-[A-Z]?[\p{Ll}]+)?$/u.test(w));
    const orgAppositive = ORG_APPOSITIVE.test(text.slice(c.end, c.end + 80));
    const personish = !looksOrg && !orgAppositive && (titled || inAny(nlpPeople, c.start, c.end) || (nameLike && (/^\s*,\s+(?:a|an|the|who|[A-Z][\p{L}]*['’]s)\b/u.test(after) || ROLE_BEFORE.test(before))));
    if (personish && words.length >= 1 && !(words.length === 1 && !titled)) {
      people.push({ start: c.start, end: c.end, name: c.name, id: slugify(c.name) });
      taken.push([c.start, c.end]);
      continue;
    }
    // A place only where compromise's place is the whole name ("Kashmir Hill" after "journalist" is a person, taken above; "Cambridge Analytica" is not a place).
    if (nlpPlaces.some((p) => p.start <= c.start && p.end >= c.end) && !looksOrg) continue;
    // "in San Mateo and Buffalo": the other of a pair of places is a place.
    if (c.sibling !== undefined && !looksOrg && nlpPlaces.some((p) => p.start <= c.sibling! && p.end > c.sibling!)) continue;
    // "in San Mateo and Buffalo": a pair after "in" is a pair of places.
    const pairStart = Math.min(c.start, c.sibling ?? c.start);
    if (c.sibling !== undefined && !looksOrg && /\b(?:in|near|around|outside|between)\s+$/.test(text.slice(Math.max(0, pairStart - 12), pairStart))) continue;
    // "the Trump campaign": a person's, not an organisation.
    if (words.length === 1 && !looksOrg && PERSONS_THING.test(after)) continue;
    // "a Tweet", "an Echo": a thing the article names with an article, not an organisation ("a Facebook spokesperson" is).
    if (/\b(?:a|an)\s+$/i.test(before) && !looksOrg && !/^(?:\s+[a-z]|['’]s\b)/.test(after)) continue;
    const atSentenceStart = sentenceStarts.has(c.start) || quoteStarts.has(c.start) || /(?:^|\n)\s*$/.test(before);
    const context = CONTEXT_BEFORE.test(before) || CONTEXT_AFTER.test(after) || orgAppositive || nlpOrgs.some((o) => o.start === c.start && o.end === c.end);
    const repeated = (counts.get(c.name) ?? 0) >= 1;
    if (!(looksOrg || context || (repeated && !atSentenceStart))) continue;
    if (atSentenceStart && !looksOrg && !repeated && !CONTEXT_AFTER.test(after) && !orgAppositive) continue;
    // A common word capitalised once ("any Profile data" beside "profile fields"): not a name.
    if (words.length === 1 && !looksOrg && candidates.filter((o) => o.name === c.name).length === 1 && new RegExp(`(?<![\\p{L}])${escape(c.name.toLowerCase())}(?![\\p{L}])`, "u").test(text)) continue;
    // A single capitalised word only where the context says it is an organisation.
    if (words.length === 1 && !looksOrg && !context && !repeated) continue;
    const bare = c.name.replace(/\s+(?:Inc\.?|Corp\.?|plc|PLC|LLC|Ltd\.?|Holdings(?:\s+Inc\.?)?)$/, "");
    // A short form of an organisation already found ("Flo" for "Flo Health", "Clearview" for "Clearview AI").
    const longer = [...orgById.values()].find((org) => (org.name.startsWith(`${bare} `) && ORG_SUFFIX.test(org.name)) || org.name === bare);
    if (longer) {
      addOrg(c.start, c.end, longer.id, longer.name, longer.kind, longer.known, `short form of ${longer.name}`);
      continue;
    }
    const id = slugify(bare);
    if (!id) continue;
    addOrg(c.start, c.end, id, bare, kindOf(bare), false, looksOrg ? "named like an organisation" : "named where an organisation stands");
  }
  // A name at a sentence's start that the text names as an organisation elsewhere ("Cuebiq and Arity said" after "included Cuebiq").
  for (const c of candidates) {
    if (overlaps(c.start, c.end)) continue;
    const org = [...orgById.values()].find((o) => !o.known && (o.name === c.name || o.aliases.has(c.name)));
    if (org) addOrg(c.start, c.end, org.id, org.name, org.kind, false, `named as an organisation elsewhere in the text`);
  }
  // Short forms found before their long name ("the Journal" after "The Wall Street Journal"): the last word of an organisation's name.
  for (const org of [...orgById.values()]) {
    const last = org.name.split(/\s+/).at(-1)!;
    if (org.name.split(/\s+/).length < 2 || !/^[A-Z]/.test(last) || NOT_NAMES.has(last)) continue;
    for (const match of text.matchAll(new RegExp(`\\b[Tt]he (${escape(last)})\\b`, "g"))) {
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
  // A surname alone taken as a person of its own ("Dr. Kogan") is the person of the full name ("Aleksandr Kogan").
  for (const person of people) {
    if (person.name.includes(" ")) continue;
    const full = people.find((p) => p !== person && p.name.split(/\s+/).length >= 2 && p.name.split(/\s+/).at(-1) === person.name);
    if (full) Object.assign(person, { name: full.name, id: full.id });
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
    const longer = [...orgById.values()].find((o) => o !== org && o.name.startsWith(`${org.name} `) && (ORG_SUFFIX.test(o.name) || o.known));
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
  // An abbreviation of initials is the long name's ("FTC" for "Federal Trade Commission"), given in parentheses or not.
  for (const org of [...orgById.values()]) {
    if (org.known || !/^[A-Z]{2,6}$/.test(org.name)) continue;
    const long = [...orgById.values()].find((o) => o !== org && o.name.includes(" ") && initialsOf(o.name) === org.name);
    if (!long) continue;
    for (const m of organizations) if (m.id === org.id) Object.assign(m, { id: long.id, name: long.name, kind: long.kind, how: `abbreviation of ${long.name}` });
    long.aliases.add(org.name);
    orgById.delete(org.id);
  }
  organizations.sort((a, b) => a.start - b.start);
  people.sort((a, b) => a.start - b.start);
  return { organizations, people, orgById, verbs };
}
