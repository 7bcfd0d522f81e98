import fs from "node:fs";
import path from "node:path";
import { lexicographicSortSchema, printSchema } from "graphql";
import { projectRoot } from "./config.ts";
import { extractJsonSchema } from "./extract/format.ts";
import { claimgraphSchema } from "./schema/index.ts";

/** The generated files kept in git; a test fails when either is stale. */
export const GENERATED = {
  sdl: path.join(projectRoot(), "schema", "schema.graphql"),
  extractJsonSchema: path.join(projectRoot(), "schema", "extract.schema.json"),
};

export async function generatedContents(): Promise<Record<keyof typeof GENERATED, string>> {
  const sdl = printSchema(lexicographicSortSchema(await claimgraphSchema()));
  return {
    sdl: `# Generated from the type-graphql classes in src/schema by \`npm run generate\`. Do not edit.\n\n${sdl}\n`,
    extractJsonSchema: `${JSON.stringify(extractJsonSchema(), null, 2)}\n`,
  };
}

export async function writeGeneratedFiles(): Promise<string[]> {
  const contents = await generatedContents();
  return (Object.keys(GENERATED) as (keyof typeof GENERATED)[]).map((key) => {
    fs.writeFileSync(GENERATED[key], contents[key]);
    return path.relative(process.cwd(), GENERATED[key]);
  });
}
