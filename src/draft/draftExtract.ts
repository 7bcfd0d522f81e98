import { type Attribution, attributionsOf, type AttributionState, firstPersonVoice } from "./attributions.ts";
import { citeSpeakers, findCitations } from "./citations.ts";
import { findGrants } from "./grants.ts";
import { type Known, type Mentions, findMentions, isMediaName, kindOf, slugify } from "./mentions.ts";
import type { Article } from "./readArticle.ts";
import { segment } from "./sentences.ts";
import type { Speaker } from "./speakers.ts";
import { suggestStance } from "./stance.ts";

/**
 * From an article to a format-2 extract marked as a draft: every proposal anchored in the archived
 * text (quotes and accounts are the text's own words), and a `draft:` block listing what awaits the
 * reporter's decision, each with its reason and confidence.
 */

export interface DraftOptions {
  title?: string;
  publisher?: string;
  published?: string;
  url?: string;
  authors?: string[];
}

export interface Pending {
  at: string;
  suggestion: string;
  reason: string;
  confidence: number;
}

export interface DraftResult {
  /** The extract, without its `source.text` (the writer adds it with the archive's path and hash). */
  extract: Record<string, unknown> & { source: Record<string, unknown>; statements: Record<string, unknown>[]; grants: Record<string, unknown>[] };
  pending: Pending[];
  /** YYYY-MM-DD-slug: the name of the archived text and the default extract. */
  name: string;
  text: string;
  /** What was found, for the evaluation: statements with their spans. */
  found: { attributions: Attribution[]; grants: ReturnType<typeof findGrants>; organizations: string[]; reports: string[]; mentions: Mentions["organizations"] };
}


export function draftExtract(article: Article, known: Known, options: DraftOptions = {}): DraftResult {
  const text = article.text;
  const pending: Pending[] = [];
  const title = options.title ?? article.meta.title;
  const published = options.published ?? article.meta.published;
  const { sentences, quotes } = segment(text);
  const mentions = findMentions(text, known, new Set(sentences.map((s) => s.start)), quotes);

  // Statements.
  const quoted = (at: number) => quotes.some((q) => q.start <= at && at < q.end);
  const state: AttributionState = { mentions, previous: [], quoted };
  const release = /FOR (?:IMMEDIATE )?RELEASE|\/PRNewswire\/|Media contact/i.test(text);
  let attributions: Attribution[] = [];
  for (const sentence of sentences) {
    // The headline and the dateline are not speech.
    if (sentence.start === sentences[0]?.start && title && text.slice(sentence.start, sentence.end).startsWith(title.slice(0, 20))) continue;
    attributions.push(...attributionsOf(text, sentence, state));
  }
  // A press release's narration is its issuers' own text ("GSK and 23andMe today announced"), not speech it reports.
  if (release) attributions = attributions.filter((a) => !(a.form === "REPORTED" && a.speaker.kind === "organization"));
  attributions.push(...firstPersonVoice(text, sentences.slice(1), attributions, mentions));
  attributions.sort((a, b) => (a.quote?.start ?? a.account.start) - (b.quote?.start ?? b.account.start));
  const cited = findCitations(text, sentences, mentions);
  citeSpeakers(cited, attributions, mentions, sentences);
  const candidateGrants = findGrants(text, sentences, mentions, known, published);

  const sourceSlug = slugify(title ?? "article").split("-").slice(0, 8).join("-") || "article";
  const date = published ?? new Date().toISOString().slice(0, 10);
  const name = `${date}-${sourceSlug}`;
  const sourceId = slugify(`${sourceSlug}-${date}`);

  // Organisations: every one named, plus speakers' and the publisher.
  const orgs = new Map<string, Record<string, unknown>>();
  const addOrg = (id: string, orgName: string, kind: string, aliases: string[] = []) => {
    if (orgs.has(id)) return;
    const isKnown = known.organizations.find((o) => o.id === id);
    if (isKnown) {
      orgs.set(id, known.definitions?.get(`org:${id}`) ?? { id, name: isKnown.name, kind: isKnown.kind, ...(isKnown.aliases.length ? { aliases: isKnown.aliases } : {}) });
      return;
    }
    const extra = aliases.filter((a) => a !== orgName && a.replace(/^the\s+/i, "") !== orgName);
    orgs.set(id, { id, name: orgName, kind, ...(extra.length ? { aliases: [...new Set(extra)] } : {}) });
    pending.push({ at: `organizations[${id}]`, suggestion: `a new organisation “${orgName}” (${kind})`, reason: mentions.orgById.get(id)?.how ?? "named in the text", confidence: 0.6 });
  };
  // A byline's names are people, not organisations.
  const authorSlugs = new Set((options.authors ?? article.meta.authors).map(slugify));
  for (const org of mentions.orgById.values()) if (!authorSlugs.has(org.id)) addOrg(org.id, org.name, org.kind, [...org.aliases]);
  let publisherId: string | undefined;
  const publisherName = options.publisher ?? article.meta.publisher;
  if (publisherName) {
    publisherId = known.organizations.find((o) => o.name === publisherName || o.aliases.includes(publisherName))?.id ?? slugify(publisherName);
    addOrg(publisherId, publisherName.replace(/^The\s+/, ""), "MEDIA");
    orgs.get(publisherId)!.kind = known.organizations.find((o) => o.id === publisherId)?.kind ?? "MEDIA";
  }

  // People: authors and speakers.
  const people = new Map<string, Record<string, unknown>>();
  const authorIds: string[] = [];
  for (const author of options.authors ?? article.meta.authors) {
    const id = slugify(author);
    authorIds.push(id);
    people.set(id, { id, name: author, description: "author of the article", role: "AUTHOR", ...(publisherId ? { speaksFor: publisherId } : {}) });
  }
  const groupParties = new Set(candidateGrants.flatMap((g) => [g.grantor, g.grantee]).filter((p) => p?.group).map((p) => p!.id));
  const speakerId = (speaker: Speaker): string => {
    // "Some reviewers said": the group the text's grants name ("gives the reviewers access"), one party.
    if (speaker.kind === "person" && speaker.how === "described" && groupParties.has(speaker.id)) speaker = { kind: "organization", id: speaker.id, name: speaker.id.replace(/-/g, " "), how: "a group of the text's grants" };
    if (speaker.kind === "organization") {
      if (!orgs.has(speaker.id)) addOrg(speaker.id, speaker.name ?? speaker.id, kindOf(speaker.name ?? speaker.id));
      return speaker.id;
    }
    // A name the organisation finder proposed that the text shows is a person's ("Clearview's
    // founder, Hoan Ton-That"): the person, not a new organisation.
    const misread = orgs.get(speaker.id);
    if (speaker.name && misread && misread.name === speaker.name && !known.organizations.some((o) => o.id === speaker.id) && !candidateGrants.some((g) => g.grantor?.id === speaker.id || g.grantee.id === speaker.id)) {
      orgs.delete(speaker.id);
      const at = pending.findIndex((p) => p.at === `organizations[${speaker.id}]`);
      if (at >= 0) pending.splice(at, 1);
    }
    // A person's id must not be an organisation's.
    let id = speaker.id;
    if (orgs.has(id)) id = `${id}-person`;
    if (!people.has(id)) {
      const knownPerson = known.people.find((p) => p.id === id);
      if (speaker.onBehalfOf && !orgs.has(speaker.onBehalfOf)) addOrg(speaker.onBehalfOf, speaker.onBehalfOf, "COMPANY");
      people.set(id, {
        id,
        ...(speaker.name ? { name: speaker.name } : {}),
        ...(speaker.description ? { description: speaker.description.slice(0, 300) } : {}),
        ...(speaker.anonymous ? { anonymous: true } : {}),
        ...(speaker.onBehalfOf ? { speaksFor: speaker.onBehalfOf } : knownPerson?.speaksFor ? { speaksFor: knownPerson.speaksFor } : {}),
        ...(speaker.role ? { role: speaker.role } : {}),
      });
    }
    return id;
  };

  // Reports: the cited ones (and those statements were told to).
  const reports = new Map<string, Record<string, unknown>>();
  const reportOf = (publisher: string, kind: string) => {
    const id = slugify(`${publisher}-report-${date.slice(0, 7)}`);
    if (!reports.has(id)) reports.set(id, { id, publisher, kind });
    return id;
  };
  for (const report of cited.values()) {
    const id = reportOf(report.publisher, report.kind);
    pending.push({ at: `reports[${id}]`, suggestion: `a report by ${report.publisher}, cited by the article`, reason: report.how, confidence: 0.7 });
  }

  const partyOrgs = new Set(candidateGrants.flatMap((g) => [g.grantor?.id, g.grantee.id]).filter(Boolean) as string[]);
  const isParty = (speaker: Speaker) => {
    const org = speaker.kind === "organization" ? speaker.id : speaker.onBehalfOf;
    const kind = org ? (mentions.orgById.get(org)?.kind ?? known.organizations.find((o) => o.id === org)?.kind) : undefined;
    // (a public body is a party only where the text's grants make it one: an agency buying access)
    return !!org && (partyOrgs.has(org) || kind === "COMPANY" || kind === "PLATFORM");
  };

  const month = published?.slice(0, 7);
  const statements: Record<string, unknown>[] = [];
  const usedIds = new Set<string>();
  const uniqueId = (base: string) => {
    let id = base.slice(0, 100).replace(/-+$/, "");
    for (let n = 2; usedIds.has(id); n++) id = `${base.slice(0, 96)}-${n}`;
    usedIds.add(id);
    return id;
  };
  for (const a of attributions) {
    const sid = speakerId(a.speaker);
    const onBehalfOf = a.speaker.kind === "organization" ? a.speaker.id : a.speaker.onBehalfOf;
    const quote = a.quote ? text.slice(a.quote.start, a.quote.end) : undefined;
    const account = text.slice(a.account.start, a.account.end);
    const words = quote ?? account;
    // A privacy policy's or terms' words are its owner's assurance ("The app's privacy policy said it would not share …").
    const policy = a.speaker.how === "document" && /\b(?:policy|policies|terms)\b/i.test(text.slice(a.account.start, a.quote?.start ?? a.account.end));
    const { stance, reason: stanceReason } = policy && isParty(a.speaker) ? { stance: "ASSURES_SAFEGUARD" as const, reason: "a privacy policy's or terms' promise: an assurance" } : suggestStance(a.form === "REPORTED" ? account : `${quote} ${a.form === "MIXED" ? account : ""}`, isParty(a.speaker));
    const about: Record<string, unknown> = {};
    const org = onBehalfOf && isParty(a.speaker) ? onBehalfOf : undefined;
    if (org) {
      if (candidateGrants.some((g) => g.grantee.id === org) && !candidateGrants.some((g) => g.grantor?.id === org)) about.grantee = org;
      else about.grantor = org;
    } else if (onBehalfOf) about.grantor = onBehalfOf;
    else {
      // A person speaking for no organisation: about the text's main grantor, or any data.
      const main = candidateGrants.find((g) => g.grantor)?.grantor?.id ?? mentions.organizations.find((m) => m.kind === "COMPANY" || m.kind === "PLATFORM")?.id;
      if (main) about.grantor = main;
      else about.data = ["personal-data"];
    }
    const toMedia = a.toMedia && mentions.organizations.find((m) => text.slice(m.start, m.end) === a.toMedia || m.name === a.toMedia!.replace(/^the\s+/i, ""));
    const carriers: Record<string, unknown>[] = [];
    if (toMedia && toMedia.kind === "MEDIA") carriers.push({ report: reportOf(toMedia.id, "ARTICLE") });
    carriers.push({ report: sourceId, ...(a.form === "DIRECT" ? {} : { account }) });
    const id = uniqueId(slugify(`${sid}-${words.split(/\s+/).slice(0, 6).join(" ")}`));
    const statement: Record<string, unknown> = {
      id,
      form: a.form,
      ...(quote ? { quote } : {}),
      ...(month ? { madeAt: month } : {}),
      ...(a.channel ? { channel: a.channel } : {}),
      speaker: sid,
      ...(onBehalfOf ? { onBehalfOf } : {}),
      stance,
      about,
      reportedIn: carriers,
    };
    // Only a guess among the speakers before (a pronoun, "the company") is the extract's inference;
    // a quotation continuing a named speaker's is the source's attribution.
    if (a.speaker.guessed) statement.speakerInferred = a.speaker.guessed;
    const at = `statements[${statements.length}]`;
    statements.push(statement);
    pending.push({ at, suggestion: `${a.form} statement by ${sid}: “${words.slice(0, 80)}${words.length > 80 ? "…" : ""}”`, reason: `${a.reason} (cue “${a.cue}”)`, confidence: a.confidence });
    if (a.speaker.inferred) pending.push({ at: `${at}.speaker`, suggestion: `speaker ${sid} (inferred)`, reason: a.speaker.inferred, confidence: 0.5 });
    pending.push({ at: `${at}.stance`, suggestion: stance, reason: stanceReason, confidence: stance === "CONTEXT" ? 0.5 : 0.6 });
    pending.push({ at: `${at}.about`, suggestion: JSON.stringify(about), reason: org ? `the speaker's organisation, ${about.grantee ? "a grantee" : "a grantor"} in the text's candidate grants (or the party it speaks for)` : "the speaker itself: no party of the text's access speaks", confidence: 0.4 });
    if (month) pending.push({ at: `${at}.madeAt`, suggestion: month, reason: "the text does not date the statement: the article's month", confidence: 0.4 });
  }

  // Categories and grants.
  const categories = new Map<string, Record<string, unknown>>();
  const grants: Record<string, unknown>[] = [];
  const grantIds: string[] = [];
  for (const [i, g] of candidateGrants.entries()) {
    for (const p of [g.grantor, g.grantee]) if (p && !orgs.has(p.id)) addOrg(p.id, p.name, p.group ? "OTHER" : kindOf(p.name));
    for (const d of g.data) {
      if (!d.known && !categories.has(d.id)) {
        categories.set(d.id, { id: d.id, name: d.name, ...(d.partOf && d.partOf !== d.id ? { partOf: d.partOf } : {}) });
        if (d.partOf && d.partOf !== d.id && !categories.has(d.partOf) && !known.categories.some((c) => c.id === d.partOf)) categories.set(d.partOf, { id: d.partOf, name: d.partOf.replace(/-/g, " ") });
      }
    }
    const sentence = text.slice(g.sentence.start, g.sentence.end);
    const carrier = [...cited.values()].find((r) => r.sentences.includes(g.sentence.start));
    const evidence = carrier
      ? [{ report: reportOf(carrier.publisher, carrier.kind), account: sentence, carriedBy: sourceId }]
      : [{ report: sourceId, quote: sentence }];
    const id = uniqueId(slugify(`${g.grantor?.id ?? "self"}-${g.grantee.id}-${g.data[0].id}`));
    grantIds.push(id);
    grants.push({
      id,
      ...(g.grantor ? { grantor: g.grantor.id } : {}),
      grantee: g.grantee.id,
      ...(g.derivedFrom !== undefined && grantIds[g.derivedFrom] ? { derivedFrom: grantIds[g.derivedFrom] } : {}),
      data: g.data.map((d) => d.id),
      ...(g.capabilities.length ? { capabilities: g.capabilities } : {}),
      ...(g.validFrom ? { validFrom: g.validFrom } : {}),
      ...(g.validTo ? { validTo: g.validTo } : {}),
      documentedIn: evidence,
    });
    pending.push({ at: `grants[${i}]`, suggestion: `${g.grantor?.id ?? "(self-collected)"} → ${g.grantee.id}: ${g.data.map((d) => d.name).join(", ")}`, reason: `${g.reason}${carrier ? `; the evidence is ${carrier.publisher}'s, carried by the article (${carrier.how})` : ""}`, confidence: g.confidence });
  }
  // Derived grants whose source grant is not the grantor's: drop the link rather than write a wrong one.
  for (const grant of grants) {
    const from = grant.derivedFrom && grants.find((g) => g.id === grant.derivedFrom);
    if (from && (from as Record<string, unknown>).grantee !== grant.grantor) delete grant.derivedFrom;
  }

  const source: Record<string, unknown> = {
    id: sourceId,
    ...(title ? { title } : {}),
    ...(options.url ?? article.meta.url ? { url: options.url ?? article.meta.url } : {}),
    ...(publisherId ? { publisher: publisherId } : {}),
    ...(authorIds.length ? { authors: authorIds } : {}),
    publishedAt: date,
    kind: release ? "PRESS_STATEMENT" : "ARTICLE",
    ...(reports.size ? { cites: [...reports.keys()] } : {}),
  };
  if (!published) pending.push({ at: "source.publishedAt", suggestion: date, reason: "the text gives no date: today's date stands in (give --published)", confidence: 0.1 });
  for (const [key, how] of Object.entries(article.meta.how)) pending.push({ at: `source.${key}`, suggestion: String((article.meta as unknown as Record<string, unknown>)[key] ?? ""), reason: how, confidence: 0.8 });

  // Every id referred to must be defined: the categories used (a known one with its parents, as the
  // seeds define it), a category's parent, a media org publishing a report.
  const defineCategory = (id: string) => {
    if (categories.has(id)) return;
    const k = known.categories.find((c) => c.id === id);
    categories.set(id, k ? { id, name: k.name, ...(k.partOf ? { partOf: k.partOf } : {}) } : { id, name: id.replace(/-/g, " ") });
    const parent = (categories.get(id) as { partOf?: string }).partOf;
    if (parent) defineCategory(parent);
  };
  for (const g of grants) for (const d of g.data as string[]) defineCategory(d);
  for (const s of statements) for (const d of ((s.about as { data?: string[] }).data ?? [])) defineCategory(d);
  for (const c of [...categories.values()]) if (c.partOf) defineCategory(c.partOf as string);
  for (const report of reports.values()) if (!orgs.has(report.publisher as string)) addOrg(report.publisher as string, report.publisher as string, isMediaName(report.publisher as string) ? "MEDIA" : "OTHER");

  // A person and an organisation never share an id (a group proposed by a grant after a person of its name spoke).
  for (const [id, person] of [...people.entries()]) {
    if (!orgs.has(id)) continue;
    const renamed = `${id}-person`;
    people.delete(id);
    people.set(renamed, { ...person, id: renamed });
    for (const st of statements) if (st.speaker === id) st.speaker = renamed;
  }

  const extract = {
    format: 2,
    source,
    organizations: [...orgs.values()],
    people: [...people.values()],
    reports: [...reports.values()],
    dataCategories: [...categories.values()],
    grants,
    statements,
  };
  return {
    extract,
    pending,
    name,
    text,
    found: { attributions, grants: candidateGrants, organizations: [...orgs.keys()], reports: [...cited.values()].map((r) => r.publisher), mentions: mentions.organizations },
  };
}
