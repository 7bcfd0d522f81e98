import "./desk.css";
import { h } from "../explorer/dom.ts";
import { renderContradictionPage } from "./contradictionPage.ts";
import { renderFindingPage } from "./findingPage.ts";
import { renderTable } from "./table.ts";

/**
 * The reporter's desk: /contradictions (the table; `?view=queue`, the review queue),
 * /contradictions/<id> (one contradiction's page) and /findings/<id> (one finding's page: its
 * review, its grants).
 */
const root = document.getElementById("desk")!;
const contradiction = /^\/contradictions\/([^/]+)\/?$/.exec(location.pathname);
const finding = /^\/findings\/([^/]+)\/?$/.exec(location.pathname);
const work = contradiction
  ? renderContradictionPage(root, decodeURIComponent(contradiction[1]))
  : finding
    ? renderFindingPage(root, decodeURIComponent(finding[1]))
    : renderTable(root, new URLSearchParams(location.search)).then(() => (document.body.dataset.state = "ready"));
work.catch((error: Error) => {
  document.body.dataset.state = "error";
  root.replaceChildren(h("h1", {}, "Something went wrong"), h("p", { class: "error" }, error.message));
});
