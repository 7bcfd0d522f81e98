import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import YAML from "yaml";

/**
 * A large archived source text, as a saved web page makes one: paragraphs of narration with runs of
 * whitespace, quotations in several styles, stray inch marks and apostrophes, some non-Latin text;
 * and an extract beside it quoting it (near its end, the costliest place to find a passage). For the
 * source-text benchmark (tests/bench/sourceText.ts) and the start test (tests/extract/largeTexts.test.ts).
 */
export function largeText(bytes: number, seed = 1): { text: string; quotes: string[] } {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const words = ["the", "company", "said", "data", "partners", "access", "messages", "users", "report", "screen", "privacy", "Netflix", "données", "Zugriff", "сообщения", "數據"];
  const sentence = () => {
    const n = 6 + Math.floor(random() * 14);
    const parts = Array.from({ length: n }, () => words[Math.floor(random() * words.length)]);
    const r = random();
    if (r < 0.1) parts.splice(2, 0, 'a 5" screen');
    else if (r < 0.15) parts.splice(1, 0, "5'11\"");
    else if (r < 0.25) parts.splice(3, 0, "the users' data");
    return `${parts.join(random() < 0.2 ? "  " : " ")}.`;
  };
  const paragraphs: string[] = [];
  let size = 0;
  let k = 0;
  while (size < bytes - 4096) {
    const style = k++ % 4;
    const quoted = sentence();
    const body = [sentence(), sentence(), style === 0 ? `He said "${quoted}"` : style === 1 ? `Elle a dit « ${quoted} »` : style === 2 ? `Er sagte „${quoted}“` : `She wrote:\n“${quoted}”`, sentence()].join(" ");
    paragraphs.push(body);
    size += Buffer.byteLength(body) + 2;
  }
  const text = `${paragraphs.join("\n\n")}\n\nIn closing, the spokesperson said "we never read anyone's messages, ever" to reporters.\n`;
  return { text, quotes: ["we never read anyone's messages, ever"] };
}

/** Writes a large text (sources/NAME.txt) and an extract quoting it (NAME.yaml) into `dir`; returns the extract's path. */
export function writeLargeTextExtract(dir: string, name: string, bytes: number, seed = 1): string {
  const { text, quotes } = largeText(bytes, seed);
  fs.mkdirSync(path.join(dir, "sources"), { recursive: true });
  fs.writeFileSync(path.join(dir, "sources", `${name}.txt`), text);
  const extract = {
    format: 2,
    source: {
      id: `large-text-${name}`,
      title: `A long article (${name})`,
      publishedAt: "2020-01-01",
      text: { path: `sources/${name}.txt`, sha256: createHash("sha256").update(text).digest("hex") },
    },
    organizations: [{ id: `large-org-${name}`, name: `Large ${name}`, kind: "COMPANY" }],
    statements: quotes.map((quote, i) => ({
      id: `large-${name}-statement-${i}`,
      form: "DIRECT",
      quote,
      madeAt: "2020-01",
      speaker: `large-org-${name}`,
      onBehalfOf: `large-org-${name}`,
      stance: "DENIES_ACCESS",
      about: { grantee: `large-org-${name}`, data: ["large-text-messages"] },
      reportedIn: [{ report: `large-text-${name}` }],
    })),
    dataCategories: [{ id: "large-text-messages", name: "Messages (large texts)" }],
  };
  const file = path.join(dir, `${name}.yaml`);
  fs.writeFileSync(file, YAML.stringify(extract));
  return file;
}
