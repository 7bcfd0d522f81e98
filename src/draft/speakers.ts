import type { Mentions } from "./mentions.ts";
import { slugify } from "./mentions.ts";

/**
 * Who a cue's subject is: a named person (with role and organisation when the text gives them), an
 * organisation, an unnamed one ("a Facebook spokesperson" → onBehalfOf facebook), or a pronoun or
 * "the company", resolved to the nearest fitting speaker before it and marked as inferred.
 */

export type Role = "SPOKESPERSON" | "EXECUTIVE" | "AUTHOR" | "EMPLOYEE" | "OTHER";

export interface Speaker {
  kind: "person" | "organization";
  id: string;
  /** A person's name, when the text names them. */
  name?: string;
  /** How the text describes an unnamed or named person ("a Facebook spokesperson", "chief executive of X"). */
  description?: string;
  role?: Role;
  /** The organisation a person speaks for; an organisation speaks for itself. */
  onBehalfOf?: string;
  anonymous?: boolean;
  /** Present when the text does not say who spoke: the reason for the guess. */
  inferred?: string;
  /**
   * Set when the speaker was resolved from a pronoun or "the company" (a guess among the speakers
   * before): the reason. Kept by the quotations that continue its words. The extract's
   * `speakerInferred`; the other inferences (a quotation continuing a named speaker's) are only
   * listed for review, since the source does name who spoke.
   */
  guessed?: string;
  /** How the speaker was read, for the draft's reasons. */
  how: string;
}

const SPOKES = /\b(spokesperson|spokesman|spokeswoman|representative|spokespeople)\b/i;
const EXEC = /\b(chief|executive|president|vice president|director|founder|co-founder|head|chairman|chairwoman|chair|officer|CEO|CTO|CFO|COO|manager|general counsel)\b/i;
const EMPLOYEE = /\b(employee|engineer|labeller|labeler|worker|staff|member|contractor|moderator)\b/i;
const AUTHOR = /\b(journalist|reporter|editor|columnist|writer|correspondent)\b/i;
const PRONOUN_PERSON = /^(?:he|she|him|her)$/i;
const PRONOUN_ORG = /^(?:it|they)$/i;
const THE_COMPANY = /^(?:the|its|this) (?:app|company|firm|app|carrier|platform|start-?up|social network|group|business|service|maker|retailer|department|agency|tech giant|giant)$/i;
const THE_SPOKES = /^the (?:spokesperson|spokesman|spokeswoman|representative|executive|official|researcher)$/i;
const DETERMINERS = /^(?:a|an|the|some|several|many|most|other|two|three|four|five|six|seven|eight|nine|ten|dozens of|\d+|one|another|its|their|his|her)\s+/i;

export interface SpeakerContext {
  mentions: Mentions;
  /** Speakers of the statements before, nearest last. */
  previous: Speaker[];
  /** Whether an offset is inside a quotation (a name quoted is not one the narration has named). */
  quoted?: (at: number) => boolean;
}

function roleOf(description: string): Role {
  if (SPOKES.test(description)) return "SPOKESPERSON";
  if (AUTHOR.test(description)) return "AUTHOR";
  if (EXEC.test(description)) return "EXECUTIVE";
  if (EMPLOYEE.test(description)) return "EMPLOYEE";
  return "OTHER";
}

/** Speaks for the organisation only in a role that does (a researcher at a university speaks for herself). */
const speaksForRole = (role: Role) => role !== "OTHER";

function orgsIn(context: SpeakerContext, start: number, end: number) {
  return context.mentions.organizations.filter((m) => m.start >= start && m.end <= end);
}

function personIn(context: SpeakerContext, start: number, end: number) {
  return context.mentions.people.find((m) => m.start >= start && m.end <= end);
}

const isCompany = (context: SpeakerContext, id: string | undefined) => {
  const kind = id ? context.mentions.orgById.get(id)?.kind : undefined;
  return kind === "COMPANY" || kind === "PLATFORM";
};

/**
 * The speaker of the phrase text[start, end) (the cue's subject, or the name after an inverted cue),
 * or undefined when it names no one.
 */
/** A speaker resolved from a pronoun or "the company": guessed, for the reason it is inferred. */
const guess = (speaker: Speaker): Speaker => ({ ...speaker, guessed: speaker.inferred });

export function readSpeaker(text: string, start: number, end: number, context: SpeakerContext): Speaker | undefined {
  let phrase = text.slice(start, end);
  // Trim to the words.
  const lead = phrase.length - phrase.trimStart().length;
  start += lead;
  phrase = phrase.trim().replace(/[,;:]+$/, "");
  end = start + phrase.length;
  if (!phrase) return undefined;
  const bare = phrase.replace(/^(?:as|but|and|so|while|although|yet)\s+/i, "");
  start += phrase.length - bare.length;
  phrase = bare;
  if (phrase.split(/\s+/).length > 16) return undefined;
  // "…, but concluded that": the speaker of the clause before.
  if (/^(?:but|and|then|yet|also)$/i.test(phrase)) {
    const last = context.previous.at(-1);
    return last && { ...last, inferred: last.inferred ?? `“${phrase} …” continues ${last.name ?? last.description ?? last.id}'s words in the same sentence`, how: "the same speaker again" };
  }

  if (PRONOUN_PERSON.test(phrase)) {
    const person = context.previous.findLast((s) => s.kind === "person");
    const spokeAt = person ? ((person as Speaker & { at?: number }).at ?? -1) : -1;
    const mentioned = context.mentions.people.findLast((p) => p.end <= start && p.start > spokeAt && !context.quoted?.(p.start));
    // A person named since the last one spoke is nearer ("Markey criticised the practice. '…,' he said").
    if (mentioned && (!person || mentioned.id !== person.id)) return guess({ ...namedPerson(text, mentioned, context), inferred: `“${phrase}” is read as ${mentioned.name}, the nearest person named before`, how: "pronoun" });
    if (person) return guess({ ...person, inferred: `“${phrase}” is read as ${person.name ?? person.description ?? person.id}, the nearest person who spoke before`, how: "pronoun" });
    const named = context.mentions.people.findLast((p) => p.end <= start);
    if (named) return guess({ ...namedPerson(text, named, context), inferred: `“${phrase}” is read as ${named.name}, the nearest person named before`, how: "pronoun" });
    return undefined;
  }
  // "the group", "the foundation": the non-profit or research body named before (not a company).
  if (/^the (?:group|organi[sz]ation|foundation|watchdog|non-?profit|charity|advocacy group|rights group|campaign group|researchers|institute|university)$/i.test(phrase)) {
    const body = context.mentions.organizations.filter((m) => m.end <= start && (m.kind === "OTHER" || m.kind === "RESEARCH") && !context.quoted?.(m.start)).at(-1);
    if (body) return guess({ kind: "organization", id: body.id, name: body.name, onBehalfOf: body.id, inferred: `“${phrase}” is read as ${body.name}, the nearest non-profit or research body named before`, how: "pronoun" });
  }
  if (PRONOUN_ORG.test(phrase) || THE_COMPANY.test(phrase)) {
    const word = phrase.toLowerCase();
    // "the social network", "the platform": the nearest platform, not the nearest company
    const platform = /\b(?:social network|platform)$/.test(word);
    const fits = (id: string | undefined) => !platform || (!!id && context.mentions.orgById.get(id)?.kind === "PLATFORM");
    const fromSpeaker = context.previous.findLast((s) => (s.kind === "organization" ? (isCompany(context, s.id) || word === "it") && fits(s.id) : !!s.onBehalfOf && fits(s.onBehalfOf)));
    const mentioned = context.mentions.organizations.filter((m) => m.end <= start && (platform ? m.kind === "PLATFORM" : m.kind === "COMPANY" || m.kind === "PLATFORM")).at(-1);
    // The nearest fitting one: a company named since the last speaker spoke is nearer than it.
    const lastSpokeAt = context.previous.length ? (context.previous.at(-1) as Speaker & { at?: number }).at ?? -1 : -1;
    void lastSpokeAt;
    // No platform known among them: the company the text has named most so far (the story's subject).
    const mostNamed = () => {
      const counts = new Map<string, number>();
      for (const m of context.mentions.organizations) if (m.end <= start && (m.kind === "COMPANY" || m.kind === "PLATFORM")) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    };
    const subject = platform && !fromSpeaker && !mentioned ? mostNamed() : undefined;
    // "the company", "the firm": the organisation that spoke just before (in this paragraph or the one
    // before), one of a list that spoke together (the one named most), else the company the story is
    // about (the one named most so far).
    if (!platform && /^the (?:company|firm|start-?up|business|group|maker|retailer|carrier|app|service|tech giant|giant)$/i.test(phrase)) {
      const counts = new Map<string, number>();
      for (const m of context.mentions.organizations) if (m.end <= start && (m.kind === "COMPANY" || m.kind === "PLATFORM")) counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
      const last = context.previous.at(-1) as (Speaker & { at?: number }) | undefined;
      const near = last?.at !== undefined && (text.slice(last.at, start).match(/\n\s*\n/g) ?? []).length <= 1;
      let chosen: string | undefined;
      let why = "the company the text names most before it";
      if (last && near && last.kind === "organization" && isCompany(context, last.id)) {
        const together = context.previous.filter((s) => (s as Speaker & { at?: number }).at === last.at && s.kind === "organization").map((s) => s.id);
        chosen = together.length > 1 ? together.sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0))[0] : last.id;
        why = together.length > 1 ? "of the organisations that spoke just before, the one the text names most" : "the organisation that spoke just before";
      } else chosen = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
      if (chosen) {
        const org = context.mentions.orgById.get(chosen);
        return guess({ kind: "organization", id: chosen, name: org?.name, onBehalfOf: chosen, inferred: `“${phrase}” is read as ${org?.name ?? chosen}, ${why}`, how: "pronoun" });
      }
    }
    const id = subject ?? (mentioned && !fromSpeaker ? mentioned.id : fromSpeaker ? (fromSpeaker.kind === "organization" ? fromSpeaker.id : fromSpeaker.onBehalfOf) : mentioned?.id);
    if (!id) return undefined;
    const org = context.mentions.orgById.get(id);
    const why = subject
      ? "the company the text names most before it (no platform is named)"
      : fromSpeaker && id === (fromSpeaker.kind === "organization" ? fromSpeaker.id : fromSpeaker.onBehalfOf)
        ? "the organisation of the nearest speaker before"
        : "the nearest company named before";
    return guess({ kind: "organization", id, name: org?.name, onBehalfOf: id, inferred: `“${phrase}” is read as ${org?.name ?? id}, ${why}`, how: "pronoun" });
  }
  // "the senator's office", "the senator": the person named before with that title.
  const titledRef = /^the (senator|sen\.|congressman|congresswoman|representative|minister|mayor|governor|commissioner|judge|chancellor|president)(?:['’]s (?:office|spokesperson|spokesman|spokeswoman|staff|aides?|team|campaign))?$/i.exec(phrase);
  if (titledRef) {
    const title = titledRef[1].replace(/\.$/, "");
    const named = context.mentions.people.filter((p) => p.end <= start && new RegExp(`\\b${title}\\.?\\s+$`, "i").test(text.slice(Math.max(0, p.start - 16), p.start))).at(-1);
    if (named) return guess({ ...namedPerson(text, named, context), inferred: `“${phrase}” is read as ${named.name}, named before as ${titledRef[1]}`, how: "titled" });
  }
  if (THE_SPOKES.test(phrase)) {
    const noun = phrase.split(/\s+/)[1].toLowerCase();
    const match = context.previous.findLast((s) => s.kind === "person" && (s.description ?? "").toLowerCase().includes(noun)) ?? context.previous.findLast((s) => s.kind === "person" && s.anonymous);
    if (match) return { ...match, inferred: `“${phrase}” is read as ${match.description ?? match.id}, who spoke before`, how: "the same speaker again" };
  }

  // A document speaks for its owner: "The app's privacy policy said" is the app's maker; "A memo reviewed by the Journal" is no one the text names.
  const documentHead = /^((?:(?:a|an|the|its|their)\s+)?(?:([\p{L}\p{N}&' -]+?)['’]s\s+))?(?:[a-z-]+\s+){0,2}(?:memo|report|document|documents|analysis|study|investigation|email|letter|filing|complaint|policy|notice|terms|statement|post|tweet)\b/iu.exec(phrase);
  if (documentHead) {
    if (!documentHead[2]) return undefined;
    // the owner with its determiner ("The app's privacy policy": "The app", the company's app)
    const ownerPhrase = documentHead[1].replace(/['’]s\s+$/, "");
    const owner = readSpeaker(text, start, start + ownerPhrase.length, context);
    return owner && { ...owner, inferred: owner.inferred ?? `“${phrase}” is ${owner.name ?? owner.id}'s document: its words are read as ${owner.name ?? owner.id}'s`, how: "document" };
  }
  const orgs = orgsIn(context, start, end);
  const person = personIn(context, start, end);
  if (person) {
    // Role and organisation from the rest of the phrase ("Grindr's chief technology officer, X", "X, a researcher at SINTEF").
    const rest = (text.slice(start, person.start) + " " + text.slice(person.end, end)).replace(/\s+/g, " ").replace(/^[\s,]+|[\s,]+$/g, "").trim();
    const description = rest.replace(/^(?:journalist|senator|sen\.|rep\.)$/i, (m) => m);
    const role = roleOf(description);
    const org = orgs.filter((m) => !(m.start >= person.start && m.end <= person.end))[0]?.id ?? (/\bthe (?:company|firm)['’]s\b/i.test(description) ? context.previous.findLast((s) => s.kind === "organization" || s.onBehalfOf)?.onBehalfOf : undefined);
    const orgNear = org ?? (/\bthe (?:company|firm)['’]s\b/i.test(description) ? context.mentions.organizations.filter((m) => m.end <= start && (m.kind === "COMPANY" || m.kind === "PLATFORM")).at(-1)?.id : undefined);
    return {
      kind: "person",
      id: person.id,
      name: person.name,
      description: description || undefined,
      role: description ? role : undefined,
      onBehalfOf: orgNear && speaksForRole(role) ? orgNear : undefined,
      how: "named",
    };
  }
  // "Clearview's founder, Hoan Ton-That": a role, then a name the people finder did not take for one.
  const appositive = /^(.+?),\s+((?:[A-Z][\p{L}'’.-]*\s+){1,3}[A-Z][\p{L}'’-]+)$/u.exec(phrase);
  if (appositive && (SPOKES.test(appositive[1]) || EXEC.test(appositive[1]) || EMPLOYEE.test(appositive[1]))) {
    const role = roleOf(appositive[1]);
    const org = orgsIn(context, start, start + appositive[1].length)[0]?.id;
    return { kind: "person", id: slugify(appositive[2]), name: appositive[2], description: appositive[1], role, onBehalfOf: org && speaksForRole(role) ? org : undefined, how: "named" };
  }
  const roleWord = SPOKES.exec(phrase) ?? EMPLOYEE.exec(phrase) ?? EXEC.exec(phrase);
  if (roleWord && !(orgs.length > 0 && orgs[0].start === start && orgs[0].end === end)) {
    // An unnamed person: "a Facebook spokesperson", "a spokeswoman for the department's Office for Civil Rights".
    const org = orgs.at(-1)?.id ?? context.previous.findLast((s) => s.kind === "organization")?.id;
    const description = phrase.replace(/^(?:A|An|The)\b/, (m) => m.toLowerCase());
    const noun = SPOKES.test(phrase) ? SPOKES.exec(phrase)![1].toLowerCase() : slugify(phrase.replace(DETERMINERS, "").replace(/\b(?:for|at|of)\b.*$/, "").replace(new RegExp(orgs.map((o) => text.slice(o.start, o.end)).join("|") || "^$", "g"), "").replace(/['’]s\b/g, ""));
    const id = org && SPOKES.test(phrase) ? `${org}-${noun}` : slugify(phrase.replace(DETERMINERS, ""));
    // (a former employee speaks for no one)
    return { kind: "person", id, description, role: roleOf(phrase), onBehalfOf: /\bformer\b/i.test(phrase) ? undefined : org, anonymous: true, how: "unnamed" };
  }
  if (orgs.length > 0) {
    // The organisation the phrase is ("Facebook", "The Wall Street Journal", "Amazon's doorbell camera company Ring": the last one).
    const whole = orgs.find((o) => phrase.replace(/^the\s+/i, "").replace(/['’]s$/, "") === text.slice(o.start, o.end)) ?? orgs.at(-1)!;
    const org = context.mentions.orgById.get(whole.id);
    return { kind: "organization", id: whole.id, name: org?.name, onBehalfOf: whole.id, how: "organisation" };
  }
  // A group or an unnamed person without an organisation: "security analysts", "some reviewers", "a former labeller".
  const words = phrase.replace(DETERMINERS, "").replace(/^[A-Z](?=[a-z]+\s+[a-z])/, (c) => c.toLowerCase());
  if (/^[a-z][a-z -]*$/.test(words) && words.split(/\s+/).length <= 4 && !/\b(?:that|which|who|data|it|this|report|reports|analysis|documents?|study|investigation)\b/.test(words)) {
    return { kind: "person", id: slugify(words), description: phrase.replace(/^(?:A|An|The|Some)\b/, (m) => m.toLowerCase()), role: roleOf(words), anonymous: true, how: "described" };
  }
  return undefined;
}

/** A person named elsewhere, with the role and organisation written around the name ("Grindr's chief technology officer, X"; "X, a researcher at Y"). */
function namedPerson(text: string, person: { start: number; end: number; id: string; name: string }, context: SpeakerContext): Speaker {
  const before = text.slice(Math.max(0, person.start - 80), person.start);
  const after = text.slice(person.end, person.end + 100);
  const lead = /([^.,;!?"“”]+),\s*$/.exec(before)?.[1];
  const trail = /^,\s*([^,.;"“”]+)/.exec(after)?.[1];
  const description = (lead && /['’]s\b|\b(?:chief|head|president|director|founder|officer|executive|spokes)/i.test(lead) ? lead : trail ?? "").trim();
  const role = description ? roleOf(description) : undefined;
  const from = lead && description === lead.trim() ? person.start - lead.length - 2 : person.end;
  const orgs = context.mentions.organizations.filter((m) => m.start >= from - 2 && m.end <= from + description.length + 4);
  const org = orgs[0]?.id;
  return { kind: "person", id: person.id, name: person.name, description: description || undefined, role, onBehalfOf: org && role && speaksForRole(role) ? org : undefined, how: "named" };
}
