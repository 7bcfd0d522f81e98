import { type Memo, escapeHtml, memoBodyHtml } from "./memoModel.ts";

/**
 * The HTML memo (/export/contradictions.html, `export --format html`): the memo's text (memoModel.ts)
 * as a standalone page with a small inline stylesheet, for reading in a browser and pasting into
 * Google Docs or Word: footnote marks are "[N]" text in superscript links, and the notes an ordered
 * list with the same numbers, so the citations survive a paste even where links do not.
 */
const STYLE = `body{font:16px/1.5 Georgia,"Times New Roman",serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#111}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}sup a{text-decoration:none}ol{padding-left:1.5rem}
a{color:#1d4ed8;overflow-wrap:anywhere}@media print{body{margin:0;max-width:none}a{color:#000}}`;

export function memoToHtml(memo: Memo): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(memo.title)}</title>
<style>${STYLE}</style>
</head>
<body>
${memoBodyHtml(memo)}
</body>
</html>
`;
}
