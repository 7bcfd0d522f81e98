import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveContradictionsQuery } from "../../src/contradictions/contradictionCypher.ts";
import { contradictionParams, findContradictions } from "../../src/contradictions/contradictionService.ts";
import type { Graph } from "../../src/graph/graph.ts";
import { type TestApi, startApi } from "../support/api.ts";
import { seedExtractObjects, seedObjects } from "../support/extracts.ts";
import { cleanGraph, resetGraph } from "../support/graph.ts";
import { applyRewrite, rewrite } from "./rewrites.ts";
import { SCENARIOS } from "./scenarios.ts";

/**
 * One answer however an extract is phrased: every phrasing of every scenario gives the scenario's
 * statement~grant pairs (precomputed at load, and decided live, alike), and so do rewrites that keep
 * an extract's meaning, of the scenarios and of the seed. The scenarios are loaded together, one
 * file each (their ids are distinct), so a phrasing round is one load.
 */

let graph: Graph;
beforeAll(async () => {
  graph = await cleanGraph();
});
afterAll(() => graph?.close());

const seedFiles = seedExtractObjects;

/** Loads the files into an empty graph; the pairs, precomputed and live, grouped by the scenario of their statement ("seed" otherwise). */
async function pairsOf(files: Record<string, unknown>[]) {
  await resetGraph(graph);
  await seedObjects(graph, files);
  const rows = await findContradictions(graph, { skip: 0, limit: 1000 });
  const live = await graph.read<{ statementId: string; grantId: string }>(liveContradictionsQuery({ start: "all" }), contradictionParams({ skip: 0, limit: 1000 }));
  const key = (r: { statementId: string; grantId: string }) => `${r.statementId}~${r.grantId}`;
  expect(live.map(key).sort()).toEqual(rows.map(key).sort());
  const scenarioOf = new Map(
    SCENARIOS.flatMap((s) => Object.values(s.phrasings).flatMap((p) => (p.statements as { id: string }[]).map((st) => [st.id, s.id] as const))),
  );
  const grouped = new Map<string, string[]>();
  for (const row of rows) {
    const group = scenarioOf.get(row.statementId) ?? "seed";
    grouped.set(group, [...(grouped.get(group) ?? []), key(row)].sort());
  }
  return grouped;
}

const rounds = Math.max(...SCENARIOS.map((s) => Object.keys(s.phrasings).length));
const phrasing = (round: number) => SCENARIOS.map((s) => Object.values(s.phrasings)[round % Object.keys(s.phrasings).length]);

describe("scenarios of real-world shapes", () => {
  it("are at least twelve, each written at least two ways", () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12);
    for (const s of SCENARIOS) expect(Object.keys(s.phrasings).length, s.id).toBeGreaterThanOrEqual(2);
  });

  it("every phrasing gives the scenario's pairs, and no other", async () => {
    for (let round = 0; round < rounds; round++) {
      const found = await pairsOf(phrasing(round));
      for (const s of SCENARIOS) {
        const name = Object.keys(s.phrasings)[round % Object.keys(s.phrasings).length];
        expect(found.get(s.id) ?? [], `${s.id}, phrased "${name}"`).toEqual(s.expected);
      }
    }
  }, 900_000);

  it("rewrites that keep the meaning, of the scenarios and of the seed, give the same pairs", async () => {
    const seed = seedFiles();
    const before = (await pairsOf([...phrasing(0), ...seed])).get("seed");
    expect(before?.length).toBeGreaterThan(0);
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: rounds - 1 }), rewrite, async (round, r) => {
        const files = [...phrasing(round), ...seed].flatMap((extract, i) => applyRewrite(extract, r, `file-${i}`));
        const found = await pairsOf(files);
        expect(found.get("seed")).toEqual(before);
        for (const s of SCENARIOS) expect(found.get(s.id) ?? [], s.id).toEqual(s.expected);
      }),
      { numRuns: 3 },
    );
  }, 1_800_000);
});

describe("explanations read right from every side", () => {
  let api: TestApi;
  const explanations = new Map<string, string>();
  const chains = new Map<string, string[]>();
  beforeAll(async () => {
    await resetGraph(graph);
    await seedObjects(graph, phrasing(0));
    api = await startApi(graph);
    const { body } = await api.query(`{ contradictions(first: 100) { edges { node { id explanation chain { id } } } } }`);
    expect(body.errors).toBeUndefined();
    for (const { node } of body.data.contradictions.edges) {
      explanations.set(node.id, node.explanation);
      chains.set(node.id, node.chain.map((g: { id: string }) => g.id));
    }
  }, 600_000);
  afterAll(() => api?.close());

  it("a grantee passed data on: the chain from the first grantor", () => {
    expect(chains.get("electiq-never-had-faceplace-data~quizapp-electiq-friends")).toEqual(["faceplace-quizapp-friends"]);
    expect(chains.get("defensa-never-bought-prayly-data~locomark-defensa-prayly-location")).toEqual(["prayly-locomark-location"]);
    expect(chains.get("mapsly-setting-off-not-stored~mapsly-collects-location")).toEqual([]);
    expect(explanations.get("electiq-never-had-faceplace-data~quizapp-electiq-friends")).toMatch(
      /^ElectIQ denied having this access \(.*\), but The app Times \(1 June 2022\) documents that Faceplace gave QuizApp access to friends' profile data, and QuizApp passed it on to ElectIQ from 2014, still open\.$/,
    );
  });

  it("a grantor speaking of another party's access names that party", () => {
    expect(explanations.get("clipit-not-accessible-to-parent~clipit-streamco-labs-user-data")).toMatch(/^ClipIt denied that StreamCo Labs had this access \(/);
    expect(explanations.get("chatline-never-handed-data-to-government~chatline-state-security-disclosure")).toMatch(/^Chatline denied that State Security Service had this access \(/);
  });

  it("a member of the grantee's group, and a third party, name the grantee", () => {
    expect(explanations.get("whisper-numbers-not-shared~whisper-friendbook-phone-numbers")).toMatch(/^Whisper denied that Friendbook had this access/);
    expect(explanations.get("board-fitband-collects-no-health-data~fitband-collects-heart-rate")).toMatch(
      /^Privacy Board denied that FitBand had this access \(.*\), but .* documents that FitBand collects its users' heart rate from 2020, still open\.$/,
    );
  });

  it("self-collection reads as collection, and 'exempt' is said only of a flagged grant", () => {
    const promise = explanations.get("mapsly-setting-off-not-stored~mapsly-collects-location") ?? "";
    expect(promise).toMatch(/^Mapsly gave a privacy assurance \(.*\), but .* documents that Mapsly collects its users' location data from 2017, still open\.$/);
    expect(promise).not.toMatch(/exempt/);
    expect(explanations.get("meetup-no-data-to-adnet~meetup-adnet-device-data")).not.toMatch(/exempt/);
    expect(explanations.get("bookface-partners-respect-settings~bookface-phonemaker-exempt")).toMatch(/exempt from the usual privacy rules/);
  });

  it("a grantor's ended claim speaks of the access it gave", () => {
    expect(explanations.get("chirper-ended-gadget-partnership~chirper-gadgetco-renewal")).toMatch(/^Chirper said the access it gave had ended by April 2018 \(/);
    expect(explanations.get("pollstar-unaware~surveyor-pollstar-likes")).toMatch(/^PollStar claimed not to know the extent of its access \(/);
    expect(explanations.get("searchco-not-used-for-ads~socialnet-searchco-profiling")).toMatch(/^SearchCo denied asking for or using the data/);
  });
});
