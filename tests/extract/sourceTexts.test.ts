import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seed } from "../../src/extract/load.ts";
import { MAX_SOURCE_TEXT_BYTES } from "../../src/extract/sourceText.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { cleanGraph } from "../support/graph.ts";
import { type Json, expectRefused, minimal, writeExtract } from "./fixtures.ts";

/**
 * Issue 24, points 2 and 3: an extract's archived text cannot reach outside its folder nor be of any
 * size, and a quote is inside quotation marks only as a reader reads the marks. Loads against the
 * real Neo4j; a refused load writes nothing (expectRefused compares the whole database).
 */
let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
});
afterAll(async () => {
  await graph?.close();
});

const sha256 = (text: string | Buffer) => createHash("sha256").update(text).digest("hex");

/** A folder holding `seeds/` (the extract's folder) and, beside it, a file no extract may read. */
function folders() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-texts-"));
  const seeds = path.join(root, "seeds");
  fs.mkdirSync(path.join(seeds, "sources"), { recursive: true });
  fs.mkdirSync(path.join(root, "elsewhere"));
  const secret = "The reporter's unpublished notes: the source is Jane Roe, phone 555-0100.\n";
  fs.writeFileSync(path.join(root, "elsewhere", "notes.txt"), secret);
  return { root, seeds, secret };
}

/** The minimal extract whose source has the text `textPath` (recorded hash `hash`) and whose statement quotes `quote`. */
function extractWith(textPath: string, hash: string, quote = "We never had access to anyone's messages.", form = "DIRECT"): Json {
  const extract = minimal(`t${Math.floor(Math.random() * 1e9)}`);
  extract.source.text = { path: textPath, sha256: hash };
  Object.assign(extract.statements[0], { quote, form });
  extract.dataCategories = [{ id: "private-messages", name: "Private messages" }];
  return extract;
}

/** No message says anything of the refused file's content: not its words, not its hash, not a nearest passage. */
function expectNothingOf(issues: { message: string }[], secret: string) {
  const all = JSON.stringify(issues);
  expect(all).not.toContain(sha256(secret));
  for (const word of ["Jane", "Roe", "555-0100", "unpublished"]) expect(all).not.toContain(word);
  expect(all).not.toContain("nearest passage");
}

describe("a source text is confined to its extract's folder (issue 24, point 2)", () => {
  it("refuses text.path leading out of the folder with ../, naming the file and path, showing nothing of the file", async () => {
    const { seeds, secret } = folders();
    // the recorded hash is wrong and the quote is not in it: once, these printed the file's hash and a passage of it
    const file = writeExtract(seeds, "escape.yaml", extractWith("../elsewhere/notes.txt", "0".repeat(64), "the source is John Doe"));
    const issues = await expectRefused(graph, [file]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file, path: "source.text" });
    expect(issues[0].message).toContain('"../elsewhere/notes.txt" is outside the folder of the extract');
    expectNothingOf(issues, secret);
  });

  it("refuses an absolute text.path, even one inside the folder", async () => {
    const { root, seeds, secret } = folders();
    const outside = writeExtract(seeds, "absolute.yaml", extractWith(path.join(root, "elsewhere", "notes.txt"), sha256(secret), "the source is Jane Roe"));
    fs.writeFileSync(path.join(seeds, "sources", "inside.txt"), "We never had access to anyone's messages.\n");
    const inside = writeExtract(seeds, "absolute-inside.yaml", extractWith(path.join(seeds, "sources", "inside.txt"), sha256("We never had access to anyone's messages.\n")));
    const issues = await expectRefused(graph, [outside, inside]);
    expect(issues.map((i) => [i.file, i.path])).toEqual([
      [outside, "source.text"],
      [inside, "source.text"],
    ]);
    for (const issue of issues) expect(issue.message).toMatch(/is outside the folder of the extract/);
    expectNothingOf(issues, secret);
  });

  it("refuses a symbolic link out of the folder, after following it", async () => {
    const { root, seeds, secret } = folders();
    fs.symlinkSync(path.join(root, "elsewhere", "notes.txt"), path.join(seeds, "sources", "link.txt"));
    // a folder linked out too
    fs.symlinkSync(path.join(root, "elsewhere"), path.join(seeds, "sources", "linked-folder"));
    const viaFile = writeExtract(seeds, "link.yaml", extractWith("sources/link.txt", sha256(secret), "the source is Jane Roe"));
    const viaFolder = writeExtract(seeds, "folder-link.yaml", extractWith("sources/linked-folder/notes.txt", "0".repeat(64), "the source is John Doe"));
    const issues = await expectRefused(graph, [viaFile, viaFolder]);
    expect(issues.map((i) => [i.file, i.path]).sort()).toEqual(
      [
        [viaFile, "source.text"],
        [viaFolder, "source.text"],
      ].sort(),
    );
    for (const issue of issues) expect(issue.message).toMatch(/is outside the folder of the extract .*a symbolic link leads out of the folder/);
    expectNothingOf(issues, secret);
  });

  it("an extract in a subfolder of the seeds folder reaches its sources/ (the seeds folder is the bound), and still nothing beyond it", async () => {
    const { root, seeds, secret } = folders();
    const text = 'A spokesman said: "We never had access to anyone\'s messages."\n';
    fs.writeFileSync(path.join(seeds, "sources", "shared.txt"), text);
    fs.mkdirSync(path.join(seeds, "2019"));
    const previous = process.env.CLAIMGRAPH_SEEDS;
    process.env.CLAIMGRAPH_SEEDS = seeds;
    try {
      const nested = writeExtract(path.join(seeds, "2019"), "nested.yaml", extractWith("../sources/shared.txt", sha256(text)));
      const result = await seed(graph, [nested]);
      expect(result.files).toEqual([nested]);
      expect((await graph.read<{ n: number }>("MATCH (r:Report) WHERE r.textFile ENDS WITH \"shared.txt\" RETURN count(r) AS n"))[0].n).toBe(1);
      const escape = writeExtract(path.join(seeds, "2019"), "escape.yaml", extractWith("../../elsewhere/notes.txt", "0".repeat(64), "the source is John Doe"));
      const issues = await expectRefused(graph, [escape]);
      expect(issues[0]).toMatchObject({ file: escape, path: "source.text" });
      expect(issues[0].message).toContain(`"../../elsewhere/notes.txt" is outside the seeds folder (${seeds})`);
      expectNothingOf(issues, secret);
    } finally {
      if (previous === undefined) delete process.env.CLAIMGRAPH_SEEDS;
      else process.env.CLAIMGRAPH_SEEDS = previous;
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("loads a text in the folder reached through a symbolic link that stays inside it", async () => {
    const { seeds } = folders();
    const text = "Acme said: \"We never had access to anyone's messages.\"\n";
    fs.writeFileSync(path.join(seeds, "sources", "real.txt"), text);
    fs.symlinkSync(path.join(seeds, "sources", "real.txt"), path.join(seeds, "sources", "alias.txt"));
    const file = writeExtract(seeds, "inside-link.yaml", extractWith("sources/alias.txt", sha256(text)));
    await expect(seed(graph, [file])).resolves.toMatchObject({ files: [file] });
  });
});

describe("a source text is bounded (issue 24, point 2)", () => {
  it(`refuses a text over ${MAX_SOURCE_TEXT_BYTES / 1048576} MB, unread, saying the limit`, async () => {
    const { seeds } = folders();
    const big = Buffer.alloc(MAX_SOURCE_TEXT_BYTES + 1, "a");
    fs.writeFileSync(path.join(seeds, "sources", "big.txt"), big);
    const file = writeExtract(seeds, "big.yaml", extractWith("sources/big.txt", "0".repeat(64), "aaaa"));
    const issues = await expectRefused(graph, [file]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file, path: "source.text" });
    expect(issues[0].message).toBe(`${path.join(seeds, "sources", "big.txt")}: the source text is 5.0 MB; a source text is at most 5 MB (keep the article's own text, without the page's other content)`);
    expect(issues[0].message).not.toContain(sha256(big));
  });

  it("loads a text just under the limit (examined in a worker thread), its quote anchored at the end", async () => {
    const { seeds } = folders();
    const filler = "Narration of the article, paragraph after paragraph.  \n\n";
    const closing = 'In closing, Acme said "We never had access to anyone\'s messages." to reporters.\n';
    const text = filler.repeat(Math.floor((MAX_SOURCE_TEXT_BYTES - closing.length) / filler.length)) + closing;
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_SOURCE_TEXT_BYTES);
    fs.writeFileSync(path.join(seeds, "sources", "long.txt"), text);
    const extract = extractWith("sources/long.txt", sha256(text));
    const file = writeExtract(seeds, "long.yaml", extract);
    await seed(graph, [file]);
    const [row] = await graph.read<{ anchor: string }>("MATCH (:Statement {id: $id})-[r:REPORTED_IN]->() RETURN r.quoteAnchor AS anchor", { id: extract.statements[0].id });
    const anchor = JSON.parse(row.anchor);
    expect(anchor.exact).toBe("We never had access to anyone's messages.");
    expect([...text].slice(anchor.start, anchor.end).join("")).toBe(anchor.exact);
  });
});

describe("quotation marks as a reader reads them (issue 24, point 3)", () => {
  function load(text: string, quote: string, form = "DIRECT") {
    const { seeds } = folders();
    fs.writeFileSync(path.join(seeds, "sources", "article.txt"), text);
    return writeExtract(seeds, "article.yaml", extractWith("sources/article.txt", sha256(text), quote, form));
  }

  it("a stray inch mark earlier in the text does not make the narration after it a quotation", async () => {
    const text = 'Acme sells a 5" screen and a 5\'11" stand. Acme never had access to anyone\'s messages, the article says. Later Acme said "we keep nothing".\n';
    const file = load(text, "Acme never had access to anyone's messages");
    const issues = await expectRefused(graph, [file]);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file, path: "statements[0].form" });
    expect(issues[0].message).toMatch(/outside quotation marks, so it is the source's narration/);
  });

  it("a quotation left open at a paragraph's end does not carry into the next paragraph", async () => {
    const text = 'Acme\'s statement began "We are\n\nAcme never had access to anyone\'s messages, the article says.\n';
    const issues = await expectRefused(graph, [load(text, "Acme never had access to anyone's messages")]);
    expect(issues.map((i) => i.path)).toEqual(["statements[0].form"]);
  });

  for (const [style, text] of [
    ["« »", "Acme a déclaré : « We never had access to anyone's messages. »\n"],
    ["» «", "Acme erklärte: »We never had access to anyone's messages.«\n"],
    ["„ “", "Acme erklärte: „We never had access to anyone's messages.“\n"],
    ["‹ › nested in « »", "Acme : « Ils ont dit ‹ We never had access to anyone's messages. › hier »\n"],
    ["＂ ＂", "Acme said ＂We never had access to anyone's messages.＂\n"],
    ["″ ″", "Acme said ″We never had access to anyone's messages.″\n"],
    ["「 」", "Acme said「We never had access to anyone's messages.」\n"],
    ["“ ” after a 5\" screen", "Acme sells a 5\" screen. Acme said “We never had access to anyone's messages.”\n"],
  ] as const) {
    it(`accepts a genuine quote in ${style} marks as the speaker's words`, async () => {
      const file = load(text, "We never had access to anyone's messages.");
      await expect(seed(graph, [file])).resolves.toMatchObject({ files: [file] });
    });
  }

  for (const [name, char] of [
    ["a zero-width space", "\u200B"],
    ["a word joiner", "\u2060"],
    ["a soft hyphen", "\u00AD"],
    ["a zero-width no-break space (byte-order mark)", "\uFEFF"],
  ] as const) {
    it(`refuses ${name} inside a quote, with its position, even where the text has it too`, async () => {
      const quote = `We never had ac${char}cess to anyone's messages.`;
      const text = `Acme said "${quote}"\n`;
      const issues = await expectRefused(graph, [load(text, quote)]);
      const at = issues.find((i) => i.path === "statements[0].quote");
      expect(at?.message, JSON.stringify(issues)).toMatch(new RegExp(`holds ${name.replace(/[()]/g, "\\$&")} \\(U\\+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}\\) at character 16`));
    });
  }
});
