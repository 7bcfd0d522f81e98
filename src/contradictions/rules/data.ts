import { DEPTH } from "./grantWalks.ts";

/** Rule 2, data: no categories named means any data; else the categories overlap in the hierarchy. */
export const dataOverlaps = (s: string, g: string) => `
(NOT EXISTS { (${s})-[:ABOUT]->(:DataCategory) } OR EXISTS {
  MATCH (${s})-[:ABOUT]->(said:DataCategory), (${g})-[:COVERS]->(granted:DataCategory)
  WHERE said = granted
     OR EXISTS { (granted)-[:PART_OF*1..${DEPTH}]->(said) }
     OR EXISTS { (said)-[:PART_OF*1..${DEPTH}]->(granted) }
})`;
