import type { Stance } from "../domain/model.ts";

/**
 * A suggested stance for a statement, from its cue verb, negation and wording (docs/rules.md says
 * what each stance means to the contradiction rules). Rules, tried in order; the first that fits
 * wins, and its reason goes into the draft. A speaker that is not a party to access (a researcher,
 * a regulator, a newspaper) gets CONTEXT: its words are not a company's claim about its own access.
 */

interface Rule {
  stance: Stance;
  test: RegExp;
  why: string;
}

// ("n't" has no word boundary before it: "don't", "wasn't")
const NEG = String.raw`(?:\b(?:not|never|no|nor|without|neither)|n['’]t)`;
const RULES: Rule[] = [
  { stance: "DENIES_USE", test: /\bno evidence\b[^.]{0,120}\b(?:misus|abus)\w*/i, why: "“no evidence” of misuse" },
  { stance: "DENIES_ACCESS", test: /\bden(?:ied|ies|y)\b[^.]{0,80}\baccess\b/i, why: "denies access" },
  { stance: "DENIES_USE", test: /\bden(?:ied|ies|y)\b[^.]{0,80}\b(?:sold|sell|shar\w*|used?|misus\w*)\b/i, why: "denies selling, sharing or using" },
  { stance: "CONTEXT", test: /\b(?:told|asked|ordered|urged|instructed)\s+(?:[\w-]+\s+){1,3}to\s+(?:stop|end|cease|delete)\b/i, why: "asks another to stop: not the speaker's own practice" },
  { stance: "ASSURES_SAFEGUARD", test: /\b(?:require[sd]?|prohibit\w*|encrypt\w*|anonymi[sz]ed|aggregated|de-identified)\b|\b(?:remov|strip)\w*\s+(?:out\s+)?(?:names|identif\w+|personal)|\bonly\b[^.]{0,40}\bpublic(?:ly)?\b|\bonly (?:in|for|when|under) (?:narrow|limited|rare|specific|exceptional)\b|\bin (?:line|accordance|compliance) with (?:the )?law|\bcontractual\w*\s+(?:limit|restrict|bar|prohibit)\w*/i, why: "speaks of a rule or protection of the data" },
  { stance: "CLAIMS_ENDED", test: /\b(?:deleted|destroyed|purged|erased)\b[^.]{0,30}\b(?:data|information|records|recordings|profiles)\b/i, why: "says the data was deleted" },
  { stance: "DENIES_REQUEST", test: new RegExp(String.raw`${NEG}\b[^.]{0,30}\b(?:ask(?:ed)? for|request(?:ed)?|sought)\b`, "i"), why: "negation with “asked for” / “requested”" },
  { stance: "CLAIMS_UNAWARE", test: /\b(?:unaware|not aware|made aware|were aware|was aware|did not know|didn['’]t know|ignorant|no knowledge|learned of)\b/i, why: "speaks of (not) being aware" },
  { stance: "DENIES_ACCESS", test: new RegExp(String.raw`(?:${NEG}|\bcannot|can['’]t|does not|do not|did not)\b[^.]{0,40}\b(?:access(?:ed)?|acquire[sd]?|take|took|receive[sd]?|obtain(?:ed)?|collect(?:ed|s)?|gives? police access|send|sent)\b`, "i"), why: "negation with access, acquiring or receiving data" },
  { stance: "DENIES_USE", test: new RegExp(String.raw`(?:${NEG}|\bcannot|can['’]t|will not|won['’]t)\b[^.]{0,60}\b(?:(?:re)?sell|(?:re)?sold|use|used|misused|misuse|abus\w*|combined?|shar(?:e|ed|ing)|monetiz\w*|(?:re)?selling)\b|\bno evidence\b[^.]{0,40}\b(?:misus|abus)\w*`, "i"), why: "negation with selling, using or sharing data" },
  { stance: "CLAIMS_ENDED", test: /\b(?:stopped|stop|stops|shut down|shutting down|ended|ending|end|discontinued|wound down|wind down|no longer|eliminate|removing|remove|removed|phased out|suspended|halted|fixed|revoked)\b/i, why: "says the practice stopped or will stop" },
  { stance: "AFFIRMS_ACCESS", test: /\b(?:acknowledged|admitted|confirmed|conceded)\b[^.]{0,80}\b(?:access|shar\w*|data|sent|used|gave|collected|recordings)\b|\b(?:we|it|they)\s+(?:use|uses|used|shared|share|send|sent|needed|collect|collected|annotates?|store|stored)\b|\b(?:uses?|using)\s+(?:third-party|outside|external|analytics)\b|\b(?:industry standard|had access|have access|has access|gave|granted|handed|used the|uses the|had been using|sample of|could see)\b/i, why: "acknowledges access to or use of data" },
  { stance: "AFFIRMS_ACCESS", test: /\b(?:acknowledged|acknowledges|admitted|admits|conceded|concedes)\b(?!\s+(?:no|nothing)\b)/i, why: "an admission (acknowledged, admitted, conceded)" },
  { stance: "ASSURES_SAFEGUARD", test: /\b(?:privacy|private|protect\w*|secur\w*|safeguard\w*|anonymi[sz]ed|anonymous|aggregated|de-identified|encrypt\w*|consent\w*|permission|prohibit\w*|comply|complied|complies|committed|seriously|voluntary|opt out|require[sd]?|transparent|lawful|emergency|strict|robust|good-faith|don['’]t get to)\b/i, why: "speaks of privacy protections, consent or rules" },
];

export function suggestStance(words: string, party: boolean): { stance: Stance; reason: string } {
  if (!party) return { stance: "CONTEXT", reason: "the speaker is not a party to the access (not a company or platform of the story)" };
  for (const rule of RULES) {
    const match = rule.test.exec(words);
    if (match) return { stance: rule.stance, reason: `${rule.why}: “${match[0].trim()}”` };
  }
  return { stance: "CONTEXT", reason: "no denial, end, unawareness, assurance or admission in its words" };
}
