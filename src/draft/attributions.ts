import type { QuoteSpan, Sentence } from "./sentences.ts";
import { type Speaker, type SpeakerContext, readSpeaker } from "./speakers.ts";

/**
 * Attributed speech in a text (docs/attribution.md's forms):
 * - DIRECT: words in quotation marks with a cue ("…," she said; He said: "…"; "…," said X), or a
 *   quotation continuing the one before (the next sentence, or the next paragraph of a quotation
 *   that runs on);
 * - MIXED: the source's sentence with some of the speaker's words quoted inside it ("said the company
 *   had found "no evidence…"");
 * - REPORTED: the source's sentence telling what someone said, without their words ("Facebook
 *   acknowledged that…", "…, according to the senator's office").
 * A quoted name or term of one to three capitalised words ("Global Heatmap") is never a statement, and
 * a term of one to three words quoted in narration with no cue (scare quotes) neither.
 */

export type Form = "DIRECT" | "MIXED" | "REPORTED";

export interface Span {
  start: number;
  end: number;
}

export interface Attribution {
  form: Form;
  /** The speaker's words (DIRECT, MIXED). */
  quote?: Span;
  /** The source's sentence or clause (REPORTED, MIXED; DIRECT: the sentence carrying it). */
  account: Span;
  cue: string;
  speaker: Speaker;
  /** Organisation the statement was made to ("told CNN"), a report that carries it. */
  toMedia?: string;
  /** "In a statement", "in a blog post", "on Twitter": where it was said. */
  channel?: string;
  confidence: number;
  reason: string;
}

const CUES = [
  "said", "says", "say", "told", "tells", "added", "adds", "adding", "wrote", "writes", "tweeted", "stated", "states", "explained", "explains", "noted", "notes",
  "argued", "argues", "claimed", "claims", "claim", "insisted", "insists", "acknowledged", "acknowledges", "admitted", "admits", "denied", "denies", "confirmed",
  "confirms", "announced", "announces", "warned", "warns", "concluded", "reported", "reports", "disclosed", "asserted", "maintained", "maintains", "replied",
  "responded", "emailed", "posted", "commented", "promised", "pledged", "conceded", "suggested", "pointed out", "called", "calls", "described", "describes",
  "countered", "stressed", "emphasised", "emphasized", "revealed", "agreed", "contended", "saying",
];
/** Participles that continue the cue before them in the sentence ("…,' he wrote, adding that …"): the same speaker. */
const PARTICIPLES = new Set(["adding", "saying"]);
const CUE = new RegExp(`\\b(${CUES.map((c) => c.replace(" ", "\\s+")).join("|")})\\b`, "g");
/** Cues that speak only when a quotation follows them ("called the news "a nightmare""; "a subsidiary called Jumpshot" is not speech). */
const NEEDS_QUOTE = new Set(["called", "calls", "described", "describes"]);
const PASSIVE_BEFORE = /\b(?:was|were|been|being|is|are|be|first|widely|previously|had been|so-)\s*$/i;
const AUX = /(?:\s+(?:has|have|had|also|first|later|previously|then|again|publicly|would|will|did|does|has since|in a statement|on \w+day|repeatedly|once|earlier|separately|privately|initially|subsequently|since|already))+\s*$/i;
const INTRO = /^(?:(?:In|On|At|For|After|Before|During|Asked|Later|Earlier|Separately|Meanwhile|However|But|And|Still|Instead|Responding|Speaking|Writing|Last|This|In response|In a [^,]{0,60}|In an [^,]{0,60}|For [^,]{0,40})\b[^,]{0,80},\s*)/;
const ACCORDING = /\baccording to\s+/gi;
const REPORTISH = /\b(?:report|reports|reporting|investigation|analysis|tests?|study|complaint|lawsuit|suit|documents?|filing|memo|records|data|research|survey|audit|review|findings)\b/i;

const wordsOf = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** A quoted name or term: one to three words, each capitalised (a product, a programme, a feature). */
export function isQuotedName(text: string, quote: QuoteSpan): boolean {
  const words = wordsOf(text.slice(quote.start, quote.end).replace(/[.,!?]+$/, ""));
  return words.length <= 4 && words.every((w) => /^[A-Z0-9“"‘'«„]/.test(w) || /^(?:with|of|for|and|the|a|to|in|on)$/.test(w));
}

const isShortTerm = (text: string, quote: QuoteSpan) => wordsOf(text.slice(quote.start, quote.end)).length <= 3;

/** The sentence with every quotation's words blanked (cues are looked for outside quotations only). */
function outside(text: string, sentence: Sentence): string {
  let result = text.slice(sentence.start, sentence.end);
  for (const q of sentence.quotes) {
    const from = q.open - sentence.start;
    const to = Math.min(q.close, sentence.end) - sentence.start;
    result = result.slice(0, from) + " ".repeat(Math.max(0, to - from)) + result.slice(to);
  }
  return result;
}

/** Quote content trimmed of the trailing comma that stands for the speaker's full stop ("…running," he said). */
function quoteSpanOf(text: string, q: QuoteSpan): Span {
  let end = q.end;
  while (end > q.start && /[\s,;]/.test(text[end - 1])) end--;
  let start = q.start;
  while (start < end && /\s/.test(text[start])) start++;
  return { start, end };
}

interface Cue {
  at: number;
  end: number;
  word: string;
}

function cuesIn(text: string, sentence: Sentence): Cue[] {
  const blank = outside(text, sentence);
  const cues: Cue[] = [];
  for (const match of blank.matchAll(CUE)) {
    const at = sentence.start + match.index;
    const before = blank.slice(0, match.index);
    if (PASSIVE_BEFORE.test(before) && !/\b(?:first|widely|previously)\s*$/i.test(before.replace(/\b(?:was|were|is|are|been)\s*$/i, ""))) {
      if (/\b(?:was|were|been|being|is|are|be)\s*$/i.test(before)) continue;
    }
    if (/\bso-$/.test(before)) continue;
    // "the claim that", "a statement": a noun, not a cue.
    if (/\b(?:the|a|an|this|that|its|their|his|her|our|such|these|those)\s+$/i.test(before)) continue;
    // "did not say so", "declined to say": no one spoke.
    if (/\b(?:not|never|n['’]t|declined to|refused to)\s+(?:\w+\s+)?$/i.test(before)) continue;
    // "agreed to pay": an act, not speech.
    if (match[1] === "agreed" && /^\s+to\s+\w/.test(blank.slice(match.index + match[0].length))) continue;
    if (match[1].startsWith("pointed") && !/^\s*(?:,|that\b)/.test(blank.slice(match.index + match[0].length))) continue;
    cues.push({ at, end: at + match[0].length, word: match[1].replace(/\s+/g, " ").toLowerCase() });
  }
  return cues;
}

export interface AttributionState extends SpeakerContext {
  /** The speaker of the last DIRECT quotation, and where its paragraph was. */
  lastQuote?: { speaker: Speaker; paragraph: number; runsOn: boolean };
}

/** The organisations of a list standing as the cue's subject ("Netflix, Apple and Spotify claim"), the speaker's among them; else none. */
function listedBefore(text: string, sentence: Sentence, cue: Cue, id: string, state: AttributionState) {
  const orgs = state.mentions.organizations.filter((m) => m.start >= sentence.start && m.end <= cue.at);
  const at = orgs.findLastIndex((m) => m.id === id);
  if (at < 0) return [];
  const gapOk = (a: { end: number }, b: { start: number }) => /^(?:\s*,\s*|(?:\s*,)?\s+(?:and|&)\s+)$/.test(text.slice(a.end, b.start));
  let first = at;
  while (first > 0 && gapOk(orgs[first - 1], orgs[first])) first--;
  let last = at;
  while (last < orgs.length - 1 && gapOk(orgs[last], orgs[last + 1])) last++;
  if (last === first) return [];
  // the list must end where the cue's subject does
  if (!/^\s*(?:(?:have|has|had|also|both|all|each|later|since|then|jointly)\s+)*$/i.test(text.slice(orgs[last].end, cue.at))) return [];
  if (!/\band\b|&/.test(text.slice(orgs[first].end, orgs[last].start))) return [];
  return [...new Map(orgs.slice(first, last + 1).map((m) => [m.id, m])).values()];
}

/**
 * Unattributed speech in the first person: a sentence of narration (outside quotation marks) saying
 * "we" or "our" is no reporter's; it is read as the words of the story's main company (the one it
 * names most), inferred, one statement a clause ("We shut down X in 2014 and we wound down Y"). The
 * unattributed sentences just before it in its paragraph, after an attributed one, are read as the
 * same voice. A text that speaks in the first person throughout (an op-ed, a release) has none.
 */
export function firstPersonVoice(text: string, sentences: Sentence[], attributions: Attribution[], mentions: AttributionState["mentions"]): Attribution[] {
  const narration = (s: Sentence) => {
    let words = s.text;
    for (const q of s.quotes) words = words.slice(0, q.open - s.start) + " ".repeat(Math.max(0, Math.min(q.close, s.end) - q.open)) + words.slice(q.close - s.start);
    return words;
  };
  const FIRST = /\b(?:we|our|us|We|Our)\b/;
  const attributed = (s: Sentence) => attributions.some((a) => a.account.start < s.end && a.account.end > s.start);
  const voiced = sentences.filter((s) => FIRST.test(narration(s)) && !/\?\s*$/.test(s.text));
  if (voiced.length === 0 || voiced.length > Math.max(2, sentences.length * 0.25)) return [];
  const counts = new Map<string, number>();
  for (const m of mentions.organizations) if (m.kind === "COMPANY" || m.kind === "PLATFORM") counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!main) return [];
  const org = mentions.orgById.get(main)!;
  const out: Attribution[] = [];
  const speaker = (why: string): Speaker => ({ kind: "organization", id: main, name: org.name, onBehalfOf: main, inferred: why, guessed: why, how: "first person" });
  for (const s of voiced) {
    if (attributed(s)) continue;
    const index = sentences.indexOf(s);
    // the unattributed sentences before it in its paragraph, back to an attributed one
    const run: Sentence[] = [];
    for (let i = index - 1; i >= 0 && sentences[i].paragraph === s.paragraph && !attributed(sentences[i]) && !voiced.includes(sentences[i]); i--) run.unshift(sentences[i]);
    const opened = run.length > 0 && index - run.length - 1 >= 0 && sentences[index - run.length - 1].paragraph === s.paragraph && attributed(sentences[index - run.length - 1]);
    const why = `a sentence of the article's own narration in the first person (“we”, “our”), without quotation marks or a speaker: read as ${org.name}'s, the company the text names most`;
    if (opened)
      for (const r of run)
        out.push({ form: "REPORTED", account: { start: r.start, end: r.end }, cue: "(first person)", speaker: speaker(`${why}; it stands between an attributed statement and that sentence, in the same paragraph`), confidence: 0.35, reason: "unattributed narration next to a first-person sentence, read as the same voice" });
    // one statement a clause: "… in 2014 and we wound down …"
    const cuts = [s.start, ...[...s.text.matchAll(/,?\s+and\s+(?=we\b)/g)].map((m) => s.start + m.index)];
    for (const [k, from] of cuts.entries()) {
      let start = from;
      const m = /^,?\s+and\s+/.exec(text.slice(start));
      if (k > 0 && m) start += m[0].length;
      let end = k + 1 < cuts.length ? cuts[k + 1] : s.end;
      while (end > start && /[\s.]/.test(text[end - 1])) end--;
      out.push({ form: "REPORTED", account: { start, end }, cue: "(first person)", speaker: speaker(why), confidence: 0.4, reason: "unattributed narration in the first person" });
    }
  }
  return out;
}

/** The subject before a cue: from the start of its clause to the cue. */
function subjectBefore(text: string, sentence: Sentence, cue: Cue): { start: number; end: number } | undefined {
  let from = sentence.start;
  // After the last quotation closed before the cue ("…," he said) or a semicolon.
  for (const q of sentence.quotes) if (q.close <= cue.at) from = Math.max(from, q.close);
  const semicolon = text.lastIndexOf(";", cue.at);
  if (semicolon >= from) from = semicolon + 1;
  let segment = text.slice(from, cue.at);
  const aux = AUX.exec(segment);
  if (aux) segment = segment.slice(0, aux.index);
  let end = from + segment.length;
  const intro = INTRO.exec(text.slice(from, end).trimStart());
  if (intro) from += text.slice(from, end).length - text.slice(from, end).trimStart().length + intro[0].length;
  segment = text.slice(from, end);
  if (/,\s*$/.test(segment)) {
    // An appositive: "Clearview's founder, Hoan Ton-That, said"; "X, a researcher at Y, told".
    const parts = segment.replace(/,\s*$/, "").split(",");
    if (parts.length >= 2) {
      const take = parts.slice(-2).join(",");
      return { start: end - segment.length + (segment.replace(/,\s*$/, "").length - take.length), end: end - (segment.length - segment.replace(/,\s*$/, "").length) };
    }
    end = from + segment.replace(/,\s*$/, "").length;
    return { start: from, end };
  }
  // "Flo sent the data …, the Journal reported": the subject after the last comma.
  const comma = segment.lastIndexOf(",");
  if (comma >= 0) {
    const after = segment.slice(comma + 1);
    if (wordsOf(after).length > 0 && wordsOf(after).length <= 9) return { start: from + comma + 1, end };
    return undefined;
  }
  return { start: from, end };
}

/** The name after an inverted cue: "…," said Claire Dumont, chief scientific officer of GSK. */
function subjectAfter(text: string, sentence: Sentence, cue: Cue): { start: number; end: number } | undefined {
  const rest = text.slice(cue.end, sentence.end);
  const match = /^\s+((?:[A-Z][\p{L}'’.-]+|of|the|at|for|de)(?:\s+(?:[A-Z][\p{L}'’.-]+|of|at|for|the|de))*)(\s*,\s*[^.;“”"]+)?/u.exec(rest);
  if (!match || !/^[A-Z]/.test(match[1])) {
    const np = /^\s+((?:the|a|an|one|two|three|four|five|another|several|some)\s+[a-z][\p{L}\s'’-]{0,40}?)(?=[.,;]|$)/u.exec(rest);
    if (np) return { start: cue.end + np.index + np[0].indexOf(np[1]), end: cue.end + np.index + np[0].indexOf(np[1]) + np[1].length };
    return undefined;
  }
  const start = cue.end + rest.indexOf(match[1]);
  const end = start + match[1].length + (match[2] ? match[2].replace(/[\s,]+$/, "").length : 0);
  return { start, end };
}

function channelOf(sentenceText: string): string | undefined {
  const match = /\b(?:in|on)\s+(a (?:statement|blog post|tweet|post|letter|email|interview)(?: to [A-Z][\p{L}]+(?: [A-Z][\p{L}]+)*)?|Twitter)\b/u.exec(sentenceText);
  return match ? match[1].replace(/^a /, "") : undefined;
}

/**
 * The statements of one sentence; `state` carries the speakers before it (for pronouns and
 * continuing quotations) and is updated.
 */
export function attributionsOf(text: string, sentence: Sentence, state: AttributionState): Attribution[] {
  const out: Attribution[] = [];
  const speech = sentence.quotes.filter((q) => !isQuotedName(text, q));
  // ("described a video of …" tells what someone saw; "a subsidiary called Jumpshot" and "described as" do not)
  const cues = cuesIn(text, sentence).filter((cue) => !NEEDS_QUOTE.has(cue.word) || speech.some((q) => q.open > cue.at && q.open - cue.end < 60) || (/^describe/.test(cue.word) && /^\s+(?:a|an|how|what|seeing|watching|hearing)\b/.test(text.slice(cue.end, cue.end + 12))));
  const channel = channelOf(sentence.text);
  const remember = (speaker: Speaker, at: number) => {
    (speaker as Speaker & { at?: number }).at = at;
    state.previous.push(speaker);
  };

  // "according to X": X's statement, unless X is a report (then it is a citation, not speech).
  const according = [...sentence.text.matchAll(ACCORDING)].map((m) => sentence.start + m.index + m[0].length);

  // Find the speaker of a cue.
  const speakerOf = (cue: Cue): Speaker | undefined => {
    if (PARTICIPLES.has(cue.word)) {
      const earlier = cues.filter((c) => c.at < cue.at && !PARTICIPLES.has(c.word)).at(-1);
      if (earlier) return speakerOf(earlier);
    }
    const before = subjectBefore(text, sentence, cue);
    const blankBefore = before && text.slice(before.start, before.end).trim();
    // "He added that …": the person who spoke last goes on.
    if (blankBefore && /^(?:he|she)$/i.test(blankBefore) && /^(?:added|adds|adding|continued|went on)$/.test(cue.word)) {
      const last = state.previous.findLast((s) => s.kind === "person");
      if (last) return { ...last, inferred: `“${blankBefore} ${cue.word}” goes on from ${last.name ?? last.description ?? last.id}, the person who spoke last`, guessed: `“${blankBefore} ${cue.word}” goes on from ${last.name ?? last.description ?? last.id}, the person who spoke last`, how: "pronoun" };
    }
    if (before && blankBefore) {
      const speaker = readSpeaker(text, before.start, before.end, state);
      if (speaker) return speaker;
    }
    const after = subjectAfter(text, sentence, cue);
    if (after) return readSpeaker(text, after.start, after.end, state);
    return undefined;
  };

  if (speech.length > 0) {
    // Quotations with a cue in the sentence, or continuing the last speaker's.
    const usable = cues.filter((cue) => cue.word !== "reported" || speech.length > 0);
    if (usable.length === 0) {
      const last = state.lastQuote;
      const startsWithQuote = speech[0].open - sentence.start <= 1;
      const continuing = last && (last.paragraph === sentence.paragraph || (sentence.paragraph - last.paragraph === 1 && (last.runsOn || startsWithQuote)));
      // A quotation after a colon with no cue ("A second statement went further: '…'") is the last speaker's too.
      const afterColon = /:\s*$/.test(text.slice(sentence.start, speech[0].open));
      if (last && (continuing || afterColon) && (startsWithQuote || afterColon)) {
        for (const q of speech) {
          if (isShortTerm(text, q) && q !== speech[0]) continue;
          out.push({
            form: "DIRECT",
            quote: quoteSpanOf(text, q),
            account: { start: sentence.start, end: sentence.end },
            cue: "(continues the quotation before)",
            speaker: { ...last.speaker, inferred: last.speaker.inferred ?? `the quotation continues ${last.speaker.name ?? last.speaker.description ?? last.speaker.id}'s, ${last.paragraph === sentence.paragraph ? "in the same paragraph" : "from the paragraph before"}` },
            channel,
            confidence: 0.7,
            reason: "a quotation with no cue of its own, following the same speaker's quotation",
          });
          state.lastQuote = { speaker: last.speaker, paragraph: sentence.paragraph, runsOn: q.runsOn };
        }
      }
      return out;
    }
    // Pair each quotation with a cue: the cue after it in the same sentence (…," she said) or before it.
    const groups = new Map<Cue, QuoteSpan[]>();
    for (const q of speech) {
      const cueBefore = usable.filter((c) => c.end <= q.open).at(-1);
      const cueAfter = usable.find((c) => c.at >= q.close);
      const afterIsInverted = cueAfter && /^[\s,]*$/.test(text.slice(q.close, cueAfter.at).replace(/\b(?:he|she|it|they|[A-Z][\p{L}'’.-]*(?:\s+[A-Z][\p{L}'’.-]*)*|the [a-z ]+|an? [\p{L} ]+)\s*$/u, ""));
      const cue = cueBefore && !(afterIsInverted && q.open - sentence.start <= 1) ? cueBefore : cueAfter ?? cueBefore;
      if (!cue) continue;
      groups.set(cue, [...(groups.get(cue) ?? []), q]);
    }
    const entries = [...groups.entries()].sort((a, b) => a[0].at - b[0].at);
    for (const [index, [cue, quotes]] of entries.entries()) {
      const speaker = speakerOf(cue);
      if (!speaker) continue;
      remember(speaker, cue.at);
      const to = cue.word === "told" ? /^\s+((?:[A-Z][\p{L}]+\s?)+)/u.exec(text.slice(cue.end, sentence.end))?.[1]?.trim() : undefined;
      for (const [k, q] of quotes.entries()) {
        const before = text.slice(sentence.start, q.open).trimEnd();
        const content = text.slice(q.start, q.end).trim();
        const capital = /^[A-Z0-9‘'“"«„]/.test(content);
        // ("said that, "Netflix never …"": the comma sets the speaker's sentence apart, as a colon would)
        const direct = capital && (before.length === 0 || /[:,]$/.test(before) || /[.!?]["”’»]?$/.test(before)) && !/\b(?:as|of|by|the|a|an|its|their|for|with|to|and|or|but|called)\s*,?$/.test(before) && !/\bthat$/.test(before);
        if (!direct && isShortTerm(text, q) && !(cue.end <= q.open && q.open - cue.end < 80)) continue;
        if (!direct && k > 0) continue; // a MIXED statement keeps its sentence's first quotation
        // A MIXED statement's account: its clause, from the end of the previous statement's quotation.
        const prevQuote = index > 0 ? entries[index - 1][1].at(-1) : undefined;
        let accountStart = prevQuote && !direct ? prevQuote.close : sentence.start;
        while (accountStart < sentence.end && /[\s,;]/.test(text[accountStart])) accountStart++;
        const nextCue = entries[index + 1]?.[0];
        let accountEnd = sentence.end;
        if (!direct && nextCue) accountEnd = quotes.at(-1)!.close;
        out.push({
          form: direct ? "DIRECT" : "MIXED",
          quote: quoteSpanOf(text, q),
          account: { start: accountStart, end: accountEnd },
          cue: cue.word,
          speaker,
          toMedia: to,
          channel,
          confidence: speaker.inferred ? 0.6 : 0.85,
          reason: direct
            ? `a quotation with the cue “${cue.word}” and its speaker in the same sentence`
            : `words in quotation marks inside the source's own sentence, with the cue “${cue.word}”`,
        });
        if (direct) state.lastQuote = { speaker, paragraph: sentence.paragraph, runsOn: q.runsOn };
      }
    }
    if (out.length > 0) return out;
  }

  // REPORTED: a cue with a speaker and no quotation of theirs.
  for (const cue of cues) {
    if (NEEDS_QUOTE.has(cue.word) && !(/^describe/.test(cue.word) && /^\s+(?:a|an|how|what|seeing|watching|hearing)\b/.test(text.slice(cue.end, cue.end + 12)))) continue;
    if (cue.word === "reported" && /^\s+(?:by|that)\b/.test(text.slice(cue.end, cue.end + 6)) === false && /^\s+by\b/.test(text.slice(cue.end))) continue;
    if (/^\s+by\b/.test(text.slice(cue.end))) continue;
    const speaker = speakerOf(cue);
    if (!speaker) continue;
    const to = cue.word === "told" ? /^\s+((?:[A-Z][\p{L}]+\s?)+)/u.exec(text.slice(cue.end, sentence.end))?.[1]?.trim() : undefined;
    // "Cuebiq and Arity said", "companies like Netflix, Apple and Spotify claim": one statement for each.
    const listed = speaker.kind === "organization" ? listedBefore(text, sentence, cue, speaker.id, state) : [];
    const speakers: Speaker[] = listed.length >= 2 ? listed.map((m) => ({ kind: "organization", id: m.id, name: m.name, onBehalfOf: m.id, how: "one of a list of organisations" })) : [speaker];
    for (const one of speakers) {
      remember(one, cue.at);
      out.push({
        form: "REPORTED",
        account: { start: sentence.start, end: sentence.end },
        cue: cue.word,
        speaker: one,
        toMedia: to,
        channel,
        confidence: one.inferred ? 0.55 : speakers.length > 1 ? 0.65 : 0.75,
        reason: `the source's sentence says what ${speakers.length > 1 ? `${speakers.map((x) => x.name ?? x.id).join(", ")} (each)` : (one.name ?? one.description ?? one.id)} ${cue.word}, without their words in quotation marks`,
      });
    }
    return out;
  }
  for (const at of according) {
    const rest = text.slice(at, sentence.end);
    // (up to a relative clause: "nine former employees who spoke to Reuters")
    const np = (/^[^,.;]+/.exec(rest)?.[0] ?? "").replace(/\s+(?:who|which|that|whom)\b.*$/, "");
    if (REPORTISH.test(np)) continue;
    const speaker = readSpeaker(text, at, at + np.length, state);
    if (!speaker || state.mentions.orgById.get(speaker.id)?.kind === "MEDIA" || (speaker.onBehalfOf && state.mentions.orgById.get(speaker.onBehalfOf)?.kind === "MEDIA" && speaker.kind === "organization")) continue;
    remember(speaker, at);
    out.push({
      form: "REPORTED",
      account: { start: sentence.start, end: sentence.end },
      cue: "according to",
      speaker,
      channel,
      confidence: 0.6,
      reason: `“according to ${np.trim()}”: the source's account of what they said`,
    });
    return out;
  }
  return out;
}
