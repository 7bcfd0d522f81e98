import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { findContradictions } from "../../src/contradictions/contradictionService.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { documented, grant, seedObjects, smallWorld, statement } from "../support/extracts.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";

/** Each rule of DESIGN.md on a small graph: one case that must be found, one that must not. */
let graph: Graph;
beforeEach(async () => {
  graph ??= await cleanGraph();
  await resetGraph(graph);
});
afterAll(() => graph?.close());

async function found(parts: Parameters<typeof smallWorld>[0]) {
  await seedObjects(graph, [smallWorld(parts)]);
  const rows = await findContradictions(graph, { skip: 0, limit: 100 });
  return rows.map((r) => `${r.statementId}~${r.grantId}:${r.kind}`).sort();
}

describe("rule 1: parties", () => {
  it("a statement naming the corporate group meets a grant to a member; a member's statement does not meet the group's grant", async () => {
    expect(
      await found({
        grants: [grant("to-member", {}), grant("to-group", { grantee: "group" })],
        statements: [
          statement("group-denies", { speaker: "group", onBehalfOf: "group", about: { grantee: "group" } }),
          statement("other-denies", { speaker: "other", onBehalfOf: "other", about: { grantee: "other" } }),
        ],
      }),
    ).toEqual(["group-denies~to-group:DENIAL_VS_GRANT", "group-denies~to-member:DENIAL_VS_GRANT"]);
  });

  it("a grantor's claim reaches every grantee but those it excepts, by id or by corporate group", async () => {
    expect(
      await found({
        grants: [grant("to-member", { validTo: null }), grant("to-other", { grantee: "other", validTo: null })],
        statements: [
          statement("ended-except-group", {
            speaker: "platform",
            onBehalfOf: "platform",
            stance: "CLAIMS_ENDED",
            about: { grantor: "platform", except: ["group"] },
          }),
        ],
      }),
    ).toEqual(["ended-except-group~to-other:ENDED_VS_ACTIVE"]);
  });

  it("a grantor's denial of its partners' use does not reach grants by grantor alone (only CLAIMS_ENDED, DENIES_ACCESS and ASSURES_SAFEGUARD do)", async () => {
    expect(
      await found({
        grants: [grant("to-member", {})],
        statements: [statement("platform-denies-use", { speaker: "platform", onBehalfOf: "platform", stance: "DENIES_USE", about: { grantor: "platform" } })],
      }),
    ).toEqual([]);
  });
});

describe("rule 1: access passed on (derivedFrom)", () => {
  it("a statement naming the first grantor reaches the grants passing its data on, through two links; a grantor-only claim does not", async () => {
    expect(
      await found({
        grants: [
          grant("platform-to-other", { grantee: "other", validTo: "2015" }),
          grant("other-to-group", { grantor: "other", grantee: "group", derivedFrom: "platform-to-other", validTo: null }),
          grant("group-to-member", { grantor: "group", grantee: "member", derivedFrom: "other-to-group", validTo: null }),
          grant("other-own-data", { grantor: "other", grantee: "member", data: ["contacts"] }),
        ],
        statements: [
          statement("member-never-had-platform-data", { about: { grantee: "member", grantor: "platform" } }),
          statement("platform-ended-2015", { speaker: "platform", onBehalfOf: "platform", stance: "CLAIMS_ENDED", about: { grantor: "platform", period: { to: "2015" } } }),
        ],
      }),
    ).toEqual(["member-never-had-platform-data~group-to-member:DENIAL_VS_GRANT"]);
  });

  it("the chain is in the row, nearest source first", async () => {
    await seedObjects(graph, [
      smallWorld({
        grants: [
          grant("platform-to-other", { grantee: "other" }),
          grant("other-to-group", { grantor: "other", grantee: "group", derivedFrom: "platform-to-other" }),
          grant("group-to-member", { grantor: "group", grantee: "member", derivedFrom: "other-to-group" }),
        ],
        statements: [statement("member-never-had-platform-data", { about: { grantee: "member", grantor: "platform" } })],
      }),
    ]);
    const rows = await findContradictions(graph, { skip: 0, limit: 100 });
    expect(rows.map((r) => [r.grantId, r.chain])).toEqual([["group-to-member", ["other-to-group", "platform-to-other"]]]);
  });

  it("a grant cannot be derived from itself, and passes on what its grantor received", async () => {
    await expect(
      seedObjects(graph, [
        smallWorld({
          grants: [grant("loop", { derivedFrom: "loop" }), grant("source", { grantee: "other" }), grant("wrong-grantor", { grantor: "group", derivedFrom: "source" })],
        }),
      ]),
    ).rejects.toThrow(/cannot be derived from itself[\s\S]*its grantor is other, not group/);
  });
});

describe("rule 1: assurances scoped like denials", () => {
  it("an assurance naming a grantee or data meets any grant in scope, exempt ones weighing more; naming only the grantor, exempt grants only", async () => {
    await seedObjects(graph, [
      smallWorld({
        grants: [grant("ordinary", {}), grant("exempt", { grantee: "other", exemptFromPrivacyRules: true }), grant("contacts-grant", { grantee: "other", data: ["contacts"] })],
        statements: [
          statement("not-accessible-to-member", { speaker: "platform", onBehalfOf: "platform", stance: "ASSURES_SAFEGUARD", about: { grantee: "member", grantor: "platform" } }),
          statement("messages-are-safe", { speaker: "platform", onBehalfOf: "platform", stance: "ASSURES_SAFEGUARD", about: { grantor: "platform", data: ["messages"] } }),
          statement("partners-respect-settings", { speaker: "platform", onBehalfOf: "platform", stance: "ASSURES_SAFEGUARD", about: { grantor: "platform" } }),
          statement("we-never-gave-messages", { speaker: "platform", onBehalfOf: "platform", stance: "DENIES_ACCESS", about: { grantor: "platform", data: ["messages"] } }),
        ],
      }),
    ]);
    const rows = await findContradictions(graph, { skip: 0, limit: 100 });
    expect(rows.map((r) => `${r.statementId}~${r.grantId}:${r.severity}`).sort()).toEqual([
      "messages-are-safe~exempt:70",
      "messages-are-safe~ordinary:60",
      "not-accessible-to-member~ordinary:60",
      "partners-respect-settings~exempt:65",
      "we-never-gave-messages~exempt:90",
      "we-never-gave-messages~ordinary:90",
    ]);
  });
});

describe("rule 2: data", () => {
  it("categories overlap when the same, broader or narrower; a sibling branch does not", async () => {
    expect(
      await found({
        grants: [grant("messages-grant", { data: ["private-messages"] })],
        statements: [
          statement("broader", { about: { grantee: "member", data: ["messages"] } }),
          statement("same", { about: { grantee: "member", data: ["private-messages"] } }),
          statement("sibling", { about: { grantee: "member", data: ["contacts"] } }),
          statement("any-data", { about: { grantee: "member" } }),
        ],
      }),
    ).toEqual(["any-data~messages-grant:DENIAL_VS_GRANT", "broader~messages-grant:DENIAL_VS_GRANT", "same~messages-grant:DENIAL_VS_GRANT"]);
  });

  it("a statement about a narrower category meets a grant of the broader one", async () => {
    expect(
      await found({
        grants: [grant("all-data", { data: ["personal-data"] })],
        statements: [statement("narrower", { about: { grantee: "member", data: ["private-messages"] } })],
      }),
    ).toEqual(["narrower~all-data:DENIAL_VS_GRANT"]);
  });
});

describe("rule 3: capabilities and purpose", () => {
  it("must overlap where both are given", async () => {
    expect(
      await found({
        grants: [grant("read-grant", { capabilities: ["READ"], purpose: "messaging-features" })],
        statements: [
          statement("denies-write", { about: { grantee: "member", capabilities: ["WRITE"] } }),
          statement("denies-read", { about: { grantee: "member", capabilities: ["READ", "DELETE"] } }),
          statement("other-purpose", { stance: "DENIES_USE", about: { grantee: "member", purpose: "advertising" } }),
          statement("same-purpose", { stance: "DENIES_USE", about: { grantee: "member", purpose: "messaging-features" } }),
        ],
      }),
    ).toEqual(["denies-read~read-grant:DENIAL_VS_GRANT", "same-purpose~read-grant:USE_OR_REQUEST_VS_GRANT"]);
  });
});

describe("rule 4: time", () => {
  it("the grant's validity must overlap the period spoken of, partial dates widened to what they name", async () => {
    expect(
      await found({
        grants: [
          grant("starts-later", { validFrom: "2019" }),
          grant("ended-2014", { validTo: "2014" }),
          grant("ends-same-month", { validFrom: "2018-01", validTo: "2018-12" }),
        ],
        statements: [
          statement("since-2015", { madeAt: "2018-12-19", about: { grantee: "member", period: { from: "2015" } } }),
          statement("same-month", { madeAt: "2018-12", about: { grantee: "member", period: { from: "2018-12-31" } } }),
        ],
      }),
    ).toEqual(["same-month~ends-same-month:DENIAL_VS_GRANT", "since-2015~ends-same-month:DENIAL_VS_GRANT"]);
  });

  it("an ended claim conflicts only with a grant still valid after the claimed end", async () => {
    const claim = (id: string, to: string) =>
      statement(id, { speaker: "platform", onBehalfOf: "platform", stance: "CLAIMS_ENDED", about: { grantor: "platform", period: { to } } });
    expect(
      await found({
        grants: [
          grant("open", { validTo: null }),
          grant("ran-to-2018-12", { grantee: "other", validTo: "2018-12" }),
          grant("end-unknown", { grantee: "group" }),
        ],
        statements: [claim("ended-mid-2018", "2018-06"), claim("ended-2018", "2018")],
      }),
    ).toEqual([
      "ended-2018~open:ENDED_VS_ACTIVE",
      "ended-mid-2018~open:ENDED_VS_ACTIVE",
      "ended-mid-2018~ran-to-2018-12:ENDED_VS_ACTIVE",
    ]);
  });
});

describe("rule 5: evidence", () => {
  it("a grant documented only by the speaker's own side, or its group, or its people, is no contradiction", async () => {
    expect(
      await found({
        people: [{ id: "member-author", name: "M. Author", speaksFor: "member" }],
        reports: [
          { id: "member-blog", title: "Member blog", publisher: "member", kind: "PRESS_STATEMENT" },
          { id: "group-filing", title: "Group filing", publisher: "group", kind: "FILING" },
          { id: "op-ed", title: "Op-ed", authors: ["member-author"], kind: "ARTICLE" },
        ],
        grants: [
          grant("own-side-only", {
            documentedIn: [
              { report: "member-blog", quote: "We had access." },
              { report: "group-filing", quote: "The member had access." },
              { report: "op-ed", quote: "We had access." },
            ],
          }),
          grant("independent", { data: ["contacts"] }),
        ],
        statements: [statement("member-denies", {})],
      }),
    ).toEqual(["member-denies~independent:DENIAL_VS_GRANT"]);
  });
});

describe("kinds", () => {
  it("an assurance conflicts only with grants exempt from privacy rules; admissions and context never conflict", async () => {
    await seedObjects(graph, [
      smallWorld({
        grants: [grant("exempt", { exemptFromPrivacyRules: true }), grant("ordinary", { grantee: "other" })],
        statements: [
          statement("assurance", { speaker: "platform-spokesperson", onBehalfOf: "platform", stance: "ASSURES_SAFEGUARD", about: { grantor: "platform" } }),
          statement("admission", { stance: "AFFIRMS_ACCESS", about: { grantee: "member", grantor: "platform" } }),
          statement("context", { stance: "CONTEXT", about: { grantee: "member" } }),
        ],
      }),
    ]);
    const rows = await findContradictions(graph, { skip: 0, limit: 100 });
    expect(rows.map((r) => `${r.statementId}~${r.grantId}:${r.kind}`)).toEqual(["assurance~exempt:ASSURANCE_VS_EXEMPTION"]);
    expect(rows[0].corroboration).toEqual([{ statementId: "admission", byOtherParty: true }]);
    expect(rows[0].severity).toBe(70); // 70 for the kind, -5 for naming neither grantee nor data, +5 for the other party's admission (docs/rules.md)
  });

  it("kinds rank by strength, denial first", async () => {
    await seedObjects(graph, [
      smallWorld({
        grants: [grant("g", {})],
        statements: [
          statement("unaware", { stance: "CLAIMS_UNAWARE" }),
          statement("denies-request", { stance: "DENIES_REQUEST" }),
          statement("denies", { stance: "DENIES_ACCESS" }),
        ],
      }),
    ]);
    const rows = await findContradictions(graph, { skip: 0, limit: 100 });
    expect(rows.map((r) => [r.kind, r.severity])).toEqual([
      ["DENIAL_VS_GRANT", 90],
      ["UNAWARENESS_VS_GRANT", 55],
      ["USE_OR_REQUEST_VS_GRANT", 40],
    ]);
    expect(documented.length).toBe(1);
  });
});
