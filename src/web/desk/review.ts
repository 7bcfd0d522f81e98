import { dateInWords } from "../../domain/citation.ts";
import { DISMISS_REASONS, DISMISS_REASON_WORDS, LIMITS, REVIEW_STATUSES, type DismissReason, type ReviewStatus } from "../../review/model.ts";
import { ApiError, query } from "../explorer/api.ts";
import { h } from "../explorer/dom.ts";
import { ACTION_LABELS, STATUS_LABELS } from "../explorer/labels.ts";

/**
 * The desk's side of the review (issue 23): who may write, a finding's status as a badge, the
 * reviewFinding write the table's bulk change and the pages share, and the review section of a
 * finding's page and of a contradiction's page — the status, buttons and forms for every review
 * write (reviewFinding, requestReply, recordReply, addNote), the requests for comment, and the
 * history (the append-only log) beneath.
 *
 * Every write goes through `query` (explorer/api.ts): a JSON POST (what Apollo's CSRF prevention
 * asks for) that sends back the Neo4j-Bookmarks of the tab's last write. A reader sees no write
 * control; a write refused anyway (a role taken away meanwhile) says FORBIDDEN in words, in an
 * alert. A CONFLICT (someone changed the finding since it was read) is shown with the state it is
 * in now, never retried behind the reader's back.
 */

export interface Viewer {
  subject: string;
  role: string;
  mayReview: boolean;
}
export const VIEWER_FIELDS = "viewer { subject role mayReview }";

/** A review as the table shows it. */
export interface ReviewSummary {
  status: ReviewStatus;
  version: number;
  lastReviewer: string | null;
  lastChangedAt: string | null;
  queuedAt: string | null;
  evidenceChanged: boolean;
  replyRequests: { overdue: boolean; deadline: string | null; receivedAt: string | null; party: { name: string } | null }[];
}
export const REVIEW_SUMMARY_FIELDS = "status version lastReviewer lastChangedAt queuedAt evidenceChanged replyRequests { overdue deadline receivedAt party { name } }";

interface HistoryEvent {
  version: number;
  at: string;
  by: string;
  role: string;
  action: string;
  fromStatus: ReviewStatus;
  toStatus: ReviewStatus;
  reason: DismissReason | null;
  reasonText: string | null;
  note: string | null;
  requestId: string | null;
  changes: string[];
  anchor: { reportId: string; exact: string; orphaned: boolean } | null;
}

interface ReplyRequest {
  id: string;
  party: { id: string; name: string } | null;
  askedAt: string;
  channel: string;
  deadline: string | null;
  overdue: boolean;
  note: string | null;
  askedBy: string;
  receivedAt: string | null;
  text: string | null;
  declined: boolean | null;
  recordedBy: string | null;
}

export interface FullReview extends Omit<ReviewSummary, "replyRequests"> {
  dismissReason: DismissReason | null;
  dismissReasonText: string | null;
  changes: string[];
  noLongerFound: boolean;
  history: HistoryEvent[];
  replyRequests: ReplyRequest[];
}

export const REVIEW_QUERY = `
query DeskReview($id: ID!) {
  ${VIEWER_FIELDS}
  finding(id: $id) {
    id
    statement { onBehalfOf { id name } }
    contradictions { grant { grantor { id name } grantee { id name } } }
    review {
      status version dismissReason dismissReasonText lastReviewer lastChangedAt queuedAt evidenceChanged changes noLongerFound
      history { version at by role action fromStatus toStatus reason reasonText note requestId changes anchor { reportId exact orphaned } }
      replyRequests { id party { id name } askedAt channel deadline overdue note askedBy receivedAt text declined recordedBy }
    }
  }
}`;

const REVIEW_FINDING = `
mutation DeskReviewFinding($id: ID!, $status: ReviewStatus!, $expectedVersion: Int!, $reason: DismissReason, $reasonText: String, $note: String) {
  reviewFinding(id: $id, status: $status, expectedVersion: $expectedVersion, reason: $reason, reasonText: $reasonText, note: $note) {
    review { status version } event { version }
  }
}`;

const REQUEST_REPLY = `
mutation DeskRequestReply($findingId: ID!, $party: ID!, $askedAt: String!, $channel: String!, $deadline: String, $note: String) {
  requestReply(findingId: $findingId, party: $party, askedAt: $askedAt, channel: $channel, deadline: $deadline, note: $note) { review { status version } event { version } }
}`;

const RECORD_REPLY = `
mutation DeskRecordReply($requestId: ID!, $receivedAt: String!, $text: String, $declined: Boolean, $statementId: ID) {
  recordReply(requestId: $requestId, receivedAt: $receivedAt, text: $text, declined: $declined, statementId: $statementId) { review { status version } event { version } }
}`;

const ADD_NOTE = `
mutation DeskAddNote($findingId: ID!, $text: String!) {
  addNote(findingId: $findingId, text: $text) { review { status version } event { version } }
}`;

type Written = { review: { status: ReviewStatus; version: number }; event: { version: number } };

/** "Confirmed", as a badge; `data-status` holds the API's value. */
export function statusBadge(status: ReviewStatus): HTMLElement {
  return h("span", { class: `status status-${status.toLowerCase().replace("_", "-")}`, "data-status": status }, STATUS_LABELS[status] ?? status);
}

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
export const reasonWords = (reason: DismissReason) => capitalised(DISMISS_REASON_WORDS[reason] ?? reason);

/** "6 December 2026, 14:03 UTC" from an ISO time; a plain date in words. */
export function whenInWords(value: string | null): string {
  if (!value) return "";
  const time = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  return time ? `${dateInWords(time[1])}, ${time[2]} UTC` : dateInWords(value);
}

/** The date of today, as the forms' date fields take it (the reporter's own calendar day). */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

/** A write refused or failed, in words: who may not, what changed meanwhile, or the API's message. */
export function writeFailure(error: unknown): string {
  if (!(error instanceof ApiError)) return `The write failed: ${(error as Error).message}`;
  if (error.code === "FORBIDDEN") {
    const role = typeof error.extensions.role === "string" ? error.extensions.role : "reader";
    return `Not saved: you are signed in as a ${role}, and this needs the role ${String(error.extensions.needs ?? "reviewer")}. ${error.message} Ask an admin for a reviewer's token.`;
  }
  if (error.code === "CONFLICT") {
    const current = error.extensions.current as { status?: ReviewStatus; version?: number; lastReviewer?: string | null; lastChangedAt?: string | null } | undefined;
    if (current?.status) {
      const by = current.lastReviewer ? `, last changed by ${current.lastReviewer}${current.lastChangedAt ? ` on ${whenInWords(current.lastChangedAt)}` : ""}` : "";
      return `Not saved: someone changed this finding since you read it. It is now ${STATUS_LABELS[current.status] ?? current.status} (version ${current.version})${by}. Read it again and decide on what it is now.`;
    }
    return `Not saved: ${error.message}`;
  }
  return `Not saved: ${error.message}`;
}

export interface StatusInput {
  status: ReviewStatus;
  reason?: DismissReason;
  reasonText?: string;
  note?: string;
}

/** One reviewFinding write, with the version the reviewer read. */
export async function setStatus(findingId: string, expectedVersion: number, input: StatusInput): Promise<Written> {
  const variables = { id: findingId, expectedVersion, status: input.status, reason: input.reason ?? null, reasonText: input.reasonText || null, note: input.note || null };
  return (await query<{ reviewFinding: Written }>(REVIEW_FINDING, variables)).reviewFinding;
}

/**
 * The status, the dismissal's reason (required with DISMISSED, from the fixed list; OTHER with a
 * text) and a note: the fields of the page's form and of the table's bulk change. `name` prefixes
 * the ids. The reason shows only for DISMISSED, its text only for OTHER; both are then required.
 */
export function statusFields(name: string, current: ReviewStatus | null): { fields: HTMLElement[]; read(): StatusInput | null } {
  const radios = REVIEW_STATUSES.map((status) => {
    const radio = h("input", { type: "radio", name: `${name}-status`, value: status, id: `${name}-status-${status}`, required: "" });
    radio.checked = status === current;
    return radio;
  });
  const reason = h(
    "select",
    { name: `${name}-reason`, id: `${name}-reason` },
    h("option", { value: "" }, "Choose a reason…"),
    ...DISMISS_REASONS.map((r) => h("option", { value: r }, reasonWords(r))),
  );
  const reasonText = h("input", { type: "text", name: `${name}-reason-text`, id: `${name}-reason-text`, maxlength: String(LIMITS.reasonText), placeholder: "the reason in words" });
  const note = h("textarea", { name: `${name}-note`, id: `${name}-note`, rows: "2", maxlength: String(LIMITS.note), placeholder: "optional: why, what was checked" });
  const reasonBox = h("label", { class: "field reason", for: `${name}-reason` }, "Why dismissed ", reason);
  const reasonTextBox = h("label", { class: "field reason-text", for: `${name}-reason-text` }, "Reason ", reasonText);
  const sync = () => {
    const dismissed = radios.find((r) => r.checked)?.value === "DISMISSED";
    reasonBox.hidden = !dismissed;
    reason.required = dismissed;
    const other = dismissed && reason.value === "OTHER";
    reasonTextBox.hidden = !other;
    reasonText.required = other;
  };
  for (const radio of radios) radio.addEventListener("change", sync);
  reason.addEventListener("change", sync);
  sync();
  const fields = [
    h(
      "fieldset",
      { class: "statuses" },
      h("legend", {}, "Status"),
      ...radios.map((radio) => h("label", { class: "choice", for: radio.id }, radio, ` ${STATUS_LABELS[radio.value]}`)),
    ),
    reasonBox,
    reasonTextBox,
    h("label", { class: "field note", for: `${name}-note` }, "Note ", note),
  ];
  return {
    fields,
    read() {
      const status = radios.find((r) => r.checked)?.value as ReviewStatus | undefined;
      if (!status) return null;
      const dismissed = status === "DISMISSED";
      return {
        status,
        reason: dismissed && reason.value ? (reason.value as DismissReason) : undefined,
        reasonText: dismissed && reason.value === "OTHER" ? reasonText.value.trim() : undefined,
        note: note.value.trim() || undefined,
      };
    },
  };
}

/** The parties a finding's party may be asked for comment: who said it, and each grant's grantor and grantee. */
function partiesOf(finding: { statement: { onBehalfOf: { id: string; name: string } | null }; contradictions: { grant: { grantor: { id: string; name: string } | null; grantee: { id: string; name: string } | null } }[] }) {
  const parties = new Map<string, string>();
  const add = (p: { id: string; name: string } | null) => p && !parties.has(p.id) && parties.set(p.id, p.name);
  add(finding.statement.onBehalfOf);
  for (const c of finding.contradictions) {
    add(c.grant.grantor);
    add(c.grant.grantee);
  }
  return [...parties].map(([id, name]) => ({ id, name }));
}

interface ReviewData {
  viewer: Viewer;
  finding: Parameters<typeof partiesOf>[0] & { id: string; review: FullReview };
}

/** What a form does after its write: say it and draw the section again, or say why not. */
interface Outcome {
  saved(message: string): void;
  failed(error: unknown): void;
}

/** A form that sends one write: the button waits, the answer (or the refusal) is said, the section is read again. */
function writeForm(attributes: Record<string, string>, children: (HTMLElement | string)[], submitLabel: string, send: () => Promise<string>, after: Outcome): HTMLFormElement {
  const button = h("button", { type: "submit" }, submitLabel);
  const form = h("form", { class: "review-write", ...attributes }, ...children, h("div", { class: "buttons" }, button));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    button.disabled = true;
    form.setAttribute("aria-busy", "true");
    send().then(
      (message) => after.saved(message),
      (error: unknown) => {
        button.disabled = false;
        form.removeAttribute("aria-busy");
        after.failed(error);
      },
    );
  });
  return form;
}

const field = (label: string, control: HTMLElement, id: string, extra = "") => {
  control.id = id;
  return h("label", { class: `field ${extra}`.trim(), for: id }, `${label} `, control);
};

function statusLine(review: FullReview): HTMLElement {
  return h(
    "p",
    { class: "status-line", id: "review-status" },
    statusBadge(review.status),
    review.status === "DISMISSED" && review.dismissReason ? ` ${reasonWords(review.dismissReason)}${review.dismissReasonText ? `: ${review.dismissReasonText}` : ""}.` : "",
    h(
      "span",
      { class: "muted" },
      review.lastReviewer ? ` Last changed by ${review.lastReviewer}, ${whenInWords(review.lastChangedAt)}.` : " Nobody has reviewed it yet.",
      ` Version ${review.version}.`,
      review.queuedAt && (review.status === "NEW" || review.status === "NEEDS_REPLY") ? ` In the queue since ${whenInWords(review.queuedAt)}.` : "",
    ),
  );
}

function replyList(requests: ReplyRequest[], viewer: Viewer, record: (request: ReplyRequest) => HTMLElement): HTMLElement {
  if (!requests.length) return h("p", { class: "muted" }, "Nobody has been asked for comment yet.");
  return h(
    "ul",
    { class: "replies" },
    ...requests.map((r) =>
      h(
        "li",
        { "data-request": r.id, class: r.overdue ? "overdue" : undefined },
        h(
          "p",
          {},
          h("strong", {}, r.party?.name ?? "A party"),
          ` asked on ${whenInWords(r.askedAt)} (${r.channel}) by ${r.askedBy}`,
          r.deadline ? `; deadline ${whenInWords(r.deadline)}` : "",
          ". ",
          r.overdue ? h("span", { class: "overdue-mark" }, "Overdue: no reply by the deadline") : null,
        ),
        r.note ? h("p", { class: "note-text" }, r.note) : null,
        r.receivedAt
          ? h("p", { class: "reply-text" }, r.declined ? `Declined to comment (${whenInWords(r.receivedAt)}).` : `Replied on ${whenInWords(r.receivedAt)}: `, r.declined ? "" : h("q", {}, r.text ?? ""), r.recordedBy ? h("span", { class: "muted" }, ` Recorded by ${r.recordedBy}.`) : null)
          : h("p", { class: "muted" }, "No reply recorded yet."),
        !r.receivedAt && viewer.mayReview ? record(r) : null,
      ),
    ),
  );
}

function historyTable(history: HistoryEvent[], requests: ReplyRequest[]): HTMLElement {
  // A request's events name its party (the event holds the request's id).
  const parties = new Map(requests.map((r) => [r.id, r.party?.name ?? "a party"]));
  const action = (e: HistoryEvent) => {
    const party = e.requestId ? parties.get(e.requestId) : undefined;
    if (party && e.action === "REPLY_REQUESTED") return `Comment asked of ${party}`;
    if (party && e.action === "REPLY_RECORDED") return `Reply of ${party} recorded`;
    return ACTION_LABELS[e.action] ?? e.action;
  };
  if (!history.length) return h("p", { class: "muted", id: "history-empty" }, "No change yet: the finding is as the machine found it.");
  const what = (e: HistoryEvent) => {
    const parts: (HTMLElement | string)[] = [];
    if (e.reason) parts.push(`${reasonWords(e.reason)}${e.reasonText ? `: ${e.reasonText}` : ""}. `);
    if (e.note) parts.push(e.action === "REPLY_RECORDED" ? h("q", {}, e.note) : e.note);
    if (e.anchor) parts.push(h("span", { class: "muted" }, " On the passage “", e.anchor.exact, `” of ${e.anchor.reportId}${e.anchor.orphaned ? " (that text has changed since: the passage is not found there any more)" : ""}.`));
    if (e.changes.length) parts.push(h("span", { class: "muted" }, ` ${e.changes.map(capitalised).join("; ")}.`));
    return parts;
  };
  return h(
    "table",
    { class: "history", id: "history" },
    h("caption", { class: "visually-hidden" }, "The review's history, oldest first"),
    h("thead", {}, h("tr", {}, ...["#", "When", "Who", "What", "Status", "Note"].map((label) => h("th", { scope: "col" }, label)))),
    h(
      "tbody",
      {},
      ...history.map((e) =>
        h(
          "tr",
          { "data-version": String(e.version), "data-action": e.action },
          h("td", { class: "version", "data-label": "#" }, String(e.version)),
          h("td", { "data-label": "When" }, h("time", { datetime: e.at }, whenInWords(e.at))),
          h("td", { "data-label": "Who" }, e.by, h("span", { class: "muted" }, ` (${e.role})`)),
          h("td", { "data-label": "What" }, action(e)),
          h("td", { "data-label": "Status" }, e.fromStatus === e.toStatus ? STATUS_LABELS[e.toStatus] : `${STATUS_LABELS[e.fromStatus]} → ${STATUS_LABELS[e.toStatus]}`),
          h("td", { "data-label": "Note", class: "note-text" }, ...what(e)),
        ),
      ),
    ),
  );
}

/**
 * The review section of a finding (its id: the statement's), read and drawn into `container`, and
 * drawn again after each write with what was written said in its live region.
 */
export async function renderReviewSection(container: HTMLElement, findingId: string, intro?: HTMLElement): Promise<void> {
  const notice = h("p", { class: "review-notice", id: "review-notice", role: "status", "aria-live": "polite", tabindex: "-1" });
  const alert = h("p", { class: "review-alert error", id: "review-alert", role: "alert", tabindex: "-1" });
  let data: ReviewData;

  const draw = () => {
    const { viewer, finding } = data;
    const review = finding.review;
    const reread = async () => {
      data = await query<ReviewData>(REVIEW_QUERY, { id: findingId });
      draw();
    };
    const say = (element: HTMLElement, other: HTMLElement, message: string) => {
      element.textContent = message;
      other.textContent = "";
      element.focus();
    };
    // A write taken: the section is read again (with the write's bookmarks) and says what was saved.
    // A CONFLICT: read again too, so the page shows the finding as it is now, and say so; any other
    // refusal (FORBIDDEN, a field the API refused) leaves the form as it was filled, to correct.
    const after: Outcome = {
      saved: (message) =>
        reread().then(
          () => say(notice, alert, message),
          (error: Error) => say(alert, notice, `${message} The review could not be read again: ${error.message}`),
        ),
      failed: (error) => {
        const message = writeFailure(error);
        if (error instanceof ApiError && error.code === "CONFLICT") {
          reread().then(
            () => say(alert, notice, message),
            () => say(alert, notice, message),
          );
        } else say(alert, notice, message);
      },
    };

    const controls: HTMLElement[] = [];
    if (viewer.mayReview) {
      const status = statusFields("review", review.status);
      const decide = writeForm(
        { id: "review-form", "aria-label": "Set the status" },
        [h("h3", {}, "Decide"), ...status.fields],
        "Save the status",
        async () => {
          const input = status.read()!;
          const written = await setStatus(findingId, review.version, input);
          return `Saved: ${STATUS_LABELS[written.review.status]} (version ${written.review.version}).`;
        },
        after,
      );

      const parties = partiesOf(finding);
      const party = h("select", { name: "party", required: "" }, ...parties.map((p) => h("option", { value: p.id }, p.name)));
      const askedAt = h("input", { type: "date", name: "askedAt", required: "", value: today() });
      const channel = h("input", { type: "text", name: "channel", required: "", maxlength: String(LIMITS.channel), placeholder: "email to the press office" });
      const deadline = h("input", { type: "date", name: "deadline" });
      const askNote = h("textarea", { name: "note", rows: "2", maxlength: String(LIMITS.note), placeholder: "what was asked" });
      const ask = writeForm(
        { id: "request-reply-form", "aria-label": "Ask a party for comment" },
        [field("Party", party, "ask-party"), field("Asked on", askedAt, "ask-asked-at"), field("How", channel, "ask-channel"), field("Deadline", deadline, "ask-deadline"), field("What was asked", askNote, "ask-note", "wide")],
        "Record the request",
        async () => {
          const written = (
            await query<{ requestReply: Written }>(REQUEST_REPLY, {
              findingId,
              party: party.value,
              askedAt: askedAt.value,
              channel: channel.value.trim(),
              deadline: deadline.value || null,
              note: askNote.value.trim() || null,
            })
          ).requestReply;
          return `Saved: the request for comment (version ${written.event.version}); the finding is ${STATUS_LABELS[written.review.status]}.`;
        },
        after,
      );

      const noteText = h("textarea", { name: "text", rows: "3", required: "", maxlength: String(LIMITS.note) });
      const note = writeForm(
        { id: "add-note-form", "aria-label": "Add a note" },
        [field("Note", noteText, "note-text", "wide")],
        "Add the note",
        async () => {
          const written = (await query<{ addNote: Written }>(ADD_NOTE, { findingId, text: noteText.value })).addNote;
          return `Saved: the note (version ${written.event.version}).`;
        },
        after,
      );

      controls.push(
        decide,
        h("details", { class: "review-more", id: "ask" }, h("summary", {}, "Ask a party for comment (right of reply)"), ask),
        h("details", { class: "review-more", id: "note" }, h("summary", {}, "Add a note"), note),
      );
    } else {
      controls.push(h("p", { class: "read-only", id: "read-only" }, `You are signed in as ${viewer.subject}, a ${viewer.role}: you can read the review but not change it. Reviews need the role reviewer.`));
    }

    const recordForm = (request: ReplyRequest) => {
      const key = request.id.replace(/[^a-z0-9-]/g, "-");
      const receivedAt = h("input", { type: "date", name: "receivedAt", required: "", value: today() });
      const text = h("textarea", { name: "text", rows: "3", maxlength: String(LIMITS.reply), required: "" });
      const declined = h("input", { type: "checkbox", name: "declined" });
      declined.addEventListener("change", () => (text.required = !declined.checked));
      const statementId = h("input", { type: "text", name: "statementId", pattern: "[a-z0-9-]{1,120}", placeholder: "optional" });
      const form = writeForm(
        { class: "review-write record-reply", "data-request": request.id, "aria-label": `Record ${request.party?.name ?? "the party"}'s reply` },
        [
          field("Received on", receivedAt, `${key}-received`),
          field("Their reply", text, `${key}-text`, "wide"),
          h("label", { class: "choice", for: `${key}-declined` }, Object.assign(declined, { id: `${key}-declined` }), " They declined to comment"),
          field("Recorded as the statement (its id, when the reply was loaded from an extract)", statementId, `${key}-statement`, "wide"),
        ],
        "Record the reply",
        async () => {
          const written = (
            await query<{ recordReply: Written }>(RECORD_REPLY, {
              requestId: request.id,
              receivedAt: receivedAt.value,
              text: text.value.trim() || null,
              declined: declined.checked,
              statementId: statementId.value.trim() || null,
            })
          ).recordReply;
          return `Saved: the reply (version ${written.event.version}).`;
        },
        after,
      );
      return h("details", { class: "review-more" }, h("summary", {}, "Record the reply"), form);
    };

    const parts: (HTMLElement | null)[] = [
      h("h2", { id: "review-heading" }, "Review"),
      ...(intro ? [intro] : []),
      statusLine(review),
      review.evidenceChanged
        ? h("div", { class: "flag", role: "note" }, h("strong", {}, "Evidence changed since review. "), "A reload changed what this finding rests on; it is back in the queue. ", review.changes.map(capitalised).join("; "), review.changes.length ? "." : "")
        : null,
      review.noLongerFound ? h("div", { class: "flag", role: "note" }, h("strong", {}, "No longer found. "), review.changes.map(capitalised).join("; ")) : null,
      notice,
      alert,
      ...controls,
      h("h3", {}, "Requests for comment"),
      replyList(review.replyRequests, viewer, recordForm),
      h("h3", {}, "History"),
      historyTable(review.history, review.replyRequests),
    ];
    container.replaceChildren(...parts.filter((part): part is HTMLElement => part !== null));
    container.dataset.version = String(review.version);
    container.dataset.status = review.status;
  };

  data = await query<ReviewData>(REVIEW_QUERY, { id: findingId });
  draw();
}
