import fs from "node:fs";
import type { Graph } from "../../src/graph/graph.ts";
import { seed } from "../../src/extract/load.ts";
import { CONTRADICTS } from "../../src/contradictions/precompute.ts";
import { contradictionsOfOrganization, firstPageOfAll } from "./workloads.ts";

/**
 * Issue 23's goals at scale: review writes over HTTP, the contradictions reads with each finding's
 * status once many findings are reviewed, and a reload that keeps every review.
 */

const REVIEW = `mutation Review($id: ID!, $status: ReviewStatus!, $v: Int!, $reason: DismissReason) {
  reviewFinding(id: $id, status: $status, expectedVersion: $v, reason: $reason) { review { version } }
}`;

const page = 20;
const REVIEW_FIELDS = `
    review { status version lastReviewer lastChangedAt }`;
/** The bench's per-organisation read and first page of all, each row with its finding's review. */
export const CONTRADICTIONS_WITH_STATUS = contradictionsOfOrganization("ContradictionsWithStatus", REVIEW_FIELDS);
export const FIRST_PAGE_WITH_STATUS = firstPageOfAll("FirstPageWithStatus", REVIEW_FIELDS);
/** The desk's review queue: findings waiting (NEW, NEEDS_REPLY), the longest waiting first. */
export const QUEUE_FIRST_PAGE = `query Queue {
  findings(filter: { statuses: [NEW, NEEDS_REPLY] }, orderBy: { field: WAITING }, first: ${page}) { edges { node {
    id severity grantCount
    statement { id quote }
    review { status version queuedAt }
  } } }
}`;

type Post = (url: string, body: unknown) => Promise<any>;
const STATUSES = ["CONFIRMED", "NEEDS_REPLY", "DISMISSED"] as const;
const variablesFor = (id: string, n: number, version: number) => {
  const status = STATUSES[n % STATUSES.length];
  return { id, status, v: version, reason: status === "DISMISSED" ? "DUPLICATE" : null };
};

/** Reviews `ids` once each, `concurrency` writes at a time; returns each finding's version and the rate. */
export async function reviewMany(post: Post, url: string, ids: string[], concurrency: number): Promise<{ versions: Map<string, number>; seconds: number }> {
  const versions = new Map<string, number>();
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < ids.length) {
      const i = next++;
      const data = await post(url, { query: REVIEW, variables: variablesFor(ids[i], i, 0) });
      versions.set(ids[i], data.reviewFinding.review.version);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { versions, seconds: (performance.now() - started) / 1000 };
}

/** `count` review writes one after the other on reviewed findings (each with its current version), each timed. */
export async function timedReviewWrites(post: Post, url: string, versions: Map<string, number>, ids: string[], count: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count + 3; i++) {
    const id = ids[(i * 7919) % ids.length];
    const t = performance.now();
    const data = await post(url, { query: REVIEW, variables: variablesFor(id, i + 1, versions.get(id) ?? 0) });
    if (i >= 3) times.push(performance.now() - t);
    versions.set(id, data.reviewFinding.review.version);
  }
  return times;
}

const countReviews = async (graph: Graph) =>
  (await graph.read<{ n: number; flagged: number }>("MATCH (r:Review) RETURN count(r) AS n, count(CASE WHEN r.evidenceChanged THEN 1 END) AS flagged"))[0];

/**
 * An article-sized extract reviewed whole, reloaded unchanged (nothing flagged) and then with one
 * grant's description edited: every review is kept, and exactly the findings resting on that grant
 * are flagged and back in the queue.
 */
export async function reloadKeepsReviews(post: Post, url: string, graph: Graph, article: { file: string; prefix: string }) {
  const findings = (await graph.read<{ id: string }>(
    `MATCH (s:Statement)-[:${CONTRADICTS}]->() WHERE s.id STARTS WITH $prefix RETURN DISTINCT s.id AS id ORDER BY id`,
    { prefix: article.prefix },
  )).map((r) => r.id);
  if (findings.length === 0) throw new Error(`no findings in ${article.file}`);
  for (const id of findings) {
    const state = await post(url, { query: `query ($id: ID!) { finding(id: $id) { review { version } } }`, variables: { id } });
    await post(url, { query: REVIEW, variables: { id, status: "CONFIRMED", v: state.finding.review.version, reason: null } });
  }
  const before = await countReviews(graph);
  let t = performance.now();
  await seed(graph, [article.file]);
  const unchangedMs = performance.now() - t;
  const afterUnchanged = await countReviews(graph);

  const extract = JSON.parse(fs.readFileSync(article.file, "utf8"));
  const grant = `${article.prefix}facebook-netflix-private-messages`;
  const target = extract.grants.find((g: { id: string }) => g.id === grant);
  if (!target) throw new Error(`${article.file} has no grant ${grant}`);
  target.description = `${target.description} (edited for the bench)`;
  fs.writeFileSync(article.file, JSON.stringify(extract));
  const resting = (await graph.read<{ id: string }>(`MATCH (s:Statement)-[:${CONTRADICTS}]->(:AccessGrant {id: $grant}) RETURN s.id AS id`, { grant })).map((r) => r.id);
  t = performance.now();
  await seed(graph, [article.file]);
  const editedMs = performance.now() - t;
  const afterEdit = await countReviews(graph);
  const flagged = (await graph.read<{ id: string; status: string }>(
    "MATCH (r:Review) WHERE r.findingId IN $ids AND r.evidenceChanged RETURN r.findingId AS id, r.status AS status",
    { ids: findings },
  ));
  const kept = before.n === afterUnchanged.n && before.n === afterEdit.n;
  const flaggedRight = afterUnchanged.flagged === before.flagged && flagged.length === resting.length && flagged.every((f) => resting.includes(f.id) && f.status === "NEW");
  if (!kept || !flaggedRight) {
    throw new Error(`the reload lost or misflagged reviews: before ${JSON.stringify(before)}, unchanged ${JSON.stringify(afterUnchanged)}, edited ${JSON.stringify(afterEdit)}; flagged ${flagged.map((f) => f.id)}, resting on ${grant}: ${resting}`);
  }
  return {
    articleFindingsReviewed: findings.length,
    reviewsBefore: before.n,
    reviewsAfterUnchangedReload: afterUnchanged.n,
    reviewsAfterEditedReload: afterEdit.n,
    flaggedByEdit: flagged.length,
    restingOnEditedGrant: resting.length,
    unchangedReloadMs: Math.round(unchangedMs),
    editedReloadMs: Math.round(editedMs),
  };
}
