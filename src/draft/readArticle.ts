import { Readability } from "@mozilla/readability";
import * as chrono from "chrono-node";
import { parseHTML } from "linkedom";

/**
 * An article file as the drafter reads it: its text (what is archived and quoted from) and what the
 * file says about itself. Plain text is taken as it is; Markdown loses its markup (headings, emphasis,
 * links) so that quotes are the words a reader sees; a saved web page is reduced to its main text by
 * Mozilla's Readability (Firefox's reader view) over linkedom's DOM, and its meta tags give the
 * title, date, authors, publisher and canonical address.
 */

export interface ArticleMeta {
  title?: string;
  /** YYYY-MM-DD (or shorter) when known. */
  published?: string;
  authors: string[];
  publisher?: string;
  url?: string;
  /** Where each came from, for the draft's reasons. */
  how: Record<string, string>;
}

export interface Article {
  kind: "text" | "markdown" | "html";
  text: string;
  meta: ArticleMeta;
}

export function articleKind(file: string, content: string): Article["kind"] {
  const lower = file.toLowerCase();
  if (/\.html?$/.test(lower) || /^\s*<(!doctype html|html)/i.test(content)) return "html";
  if (/\.(md|markdown)$/.test(lower)) return "markdown";
  return "text";
}

export function readArticle(file: string, content: string): Article {
  const kind = articleKind(file, content);
  if (kind === "html") return readHtml(content);
  const text = (kind === "markdown" ? markdownText(content) : content).replace(/\r\n?/g, "\n").replace(/^\uFEFF/, "");
  return { kind, text, meta: headOf(text) };
}

/** Plain text: the headline is the first line, the date the dateline near the top. */
function headOf(text: string): ArticleMeta {
  const meta: ArticleMeta = { authors: [], how: {} };
  const lines = text.split("\n");
  const first = lines.findIndex((line) => line.trim().length > 0);
  if (first >= 0) {
    meta.title = lines[first].trim();
    meta.how.title = "the first line of the text (its headline)";
  }
  const head = lines.slice(first + 1, first + 8).join("\n").slice(0, 600);
  const dated = datelineOf(head);
  if (dated) {
    meta.published = dated.date;
    meta.how.published = `the dateline near the top: “${dated.text}”`;
  }
  return meta;
}

/** The first date near the top of an article that names a day, month and year. */
export function datelineOf(head: string): { date: string; text: string } | undefined {
  for (const result of chrono.parse(head, new Date(2000, 0, 1))) {
    if (!result.start.isCertain("year") || !result.start.isCertain("month")) continue;
    const y = result.start.get("year")!;
    const m = String(result.start.get("month")).padStart(2, "0");
    const d = result.start.isCertain("day") ? `-${String(result.start.get("day")).padStart(2, "0")}` : "";
    return { date: `${y}-${m}${d}`, text: result.text };
  }
  return undefined;
}

/** Markdown to the words a reader sees: no heading marks, emphasis, link targets or images. */
function markdownText(source: string): string {
  return source
    .replace(/\r\n?/g, "\n")
    .replace(/^#{1,6}\s+/gm, "")
    .replace(/^\s*>\s?/gm, "")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, "")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(^|[\s(])[*_]([^*_\n]+?)[*_](?=[\s).,;:!?]|$)/gm, "$1$2")
    .replace(/`([^`]+)`/g, "$1");
}

const BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,blockquote,pre,figcaption";

function readHtml(html: string): Article {
  const { document } = parseHTML(html);
  const metaContent = (selector: string) => document.querySelector(selector)?.getAttribute("content")?.trim() || undefined;
  const meta: ArticleMeta = { authors: [], how: {} };
  // Readability changes the document it reads: the meta tags are read first.
  const ogTitle = metaContent('meta[property="og:title"]') ?? metaContent('meta[name="twitter:title"]');
  const published =
    metaContent('meta[property="article:published_time"]') ??
    metaContent('meta[name="date"]') ??
    metaContent('meta[name="pubdate"]') ??
    metaContent('meta[itemprop="datePublished"]') ??
    document.querySelector("time[datetime]")?.getAttribute("datetime") ??
    undefined;
  const author = metaContent('meta[name="author"]') ?? metaContent('meta[property="article:author"]');
  const site = metaContent('meta[property="og:site_name"]') ?? metaContent('meta[name="application-name"]');
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute("href") ?? metaContent('meta[property="og:url"]');
  const article = new Readability(document as unknown as Document).parse();
  const title = ogTitle ?? article?.title ?? undefined;
  if (title) {
    meta.title = title;
    meta.how.title = ogTitle ? "the page's og:title" : "the page's title";
  }
  const date = published && /^\d{4}-\d{2}-\d{2}/.exec(published)?.[0];
  if (date) {
    meta.published = date;
    meta.how.published = "the page's publication date (meta)";
  }
  const byline = author ?? article?.byline ?? undefined;
  if (byline) {
    meta.authors = byline.replace(/^by\s+/i, "").split(/\s*(?:,|\band\b)\s*/).filter((name) => name.length > 0);
    meta.how.authors = author ? "the page's author meta tag" : "the page's byline";
  }
  const siteName = site ?? article?.siteName ?? undefined;
  if (siteName) {
    meta.publisher = siteName;
    meta.how.publisher = "the page's og:site_name";
  }
  if (canonical && /^https?:\/\//.test(canonical)) {
    meta.url = canonical;
    meta.how.url = "the page's canonical link";
  }
  const paragraphs: string[] = [];
  if (article?.content) {
    const { document: body } = parseHTML(`<!doctype html><html><body>${article.content}</body></html>`);
    for (const element of Array.from(body.querySelectorAll(BLOCKS) as ArrayLike<Element>)) {
      // Only the innermost blocks: a list item's paragraph is said once.
      if (element.querySelector(BLOCKS)) continue;
      const words = (element.textContent ?? "").replace(/\s+/g, " ").trim();
      if (words) paragraphs.push(words);
    }
  }
  if (meta.title && paragraphs[0] !== meta.title) paragraphs.unshift(meta.title);
  const text = `${paragraphs.join("\n\n")}\n`;
  if (!meta.published) {
    const dated = datelineOf(paragraphs.slice(1, 4).join("\n"));
    if (dated) {
      meta.published = dated.date;
      meta.how.published = `the dateline near the top: “${dated.text}”`;
    }
  }
  return { kind: "html", text, meta };
}
