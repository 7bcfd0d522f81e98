import "./desk.css";
import { h } from "../explorer/dom.ts";
import { renderContradictionPage } from "./contradictionPage.ts";
import { renderTable } from "./table.ts";

/** The reporter's desk: /contradictions (the table) and /contradictions/<id> (one contradiction's page). */
const root = document.getElementById("desk")!;
const match = /^\/contradictions\/([^/]+)$/.exec(location.pathname);
const work = match ? renderContradictionPage(root, decodeURIComponent(match[1])) : renderTable(root, new URLSearchParams(location.search)).then(() => (document.body.dataset.state = "ready"));
work.catch((error: Error) => {
  document.body.dataset.state = "error";
  root.replaceChildren(h("h1", {}, "Something went wrong"), h("p", { class: "error" }, error.message));
});
