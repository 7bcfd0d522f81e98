import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { buildSchema, parse } from "graphql";
import { GENERATED, generatedContents } from "../../src/generate.ts";

/** Generated files are kept in git; when the code changes, `npm run generate` must be run too. */
describe("generated files", () => {
  it("schema/schema.graphql is the SDL of the type-graphql classes (run `npm run generate`)", async () => {
    const { sdl } = await generatedContents();
    expect(fs.readFileSync(GENERATED.sdl, "utf8")).toBe(sdl);
  });

  it("schema/extract.schema.json is the JSON Schema of the zod extract format (run `npm run generate`)", async () => {
    const { extractJsonSchema } = await generatedContents();
    expect(fs.readFileSync(GENERATED.extractJsonSchema, "utf8")).toBe(extractJsonSchema);
  });

  it("every type and field of the SDL has a description for playground users", () => {
    const schema = buildSchema(fs.readFileSync(GENERATED.sdl, "utf8"));
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || ["String", "Int", "Float", "Boolean", "ID"].includes(type.name)) continue;
      if (!type.description) missing.push(type.name);
      if ("getFields" in type) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
    }
    expect(missing).toEqual([]);
    expect(parse(fs.readFileSync(GENERATED.sdl, "utf8")).definitions.length).toBeGreaterThan(20);
  });
});
