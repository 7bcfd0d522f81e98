import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { extractName, listExtractFiles } from "../../src/extract/parse.ts";

describe("an extract file's name", () => {
  it("is the same whether the file is given relative, absolute or from another folder", () => {
    const absolute = path.join(projectRoot(), "seeds", "2018-12-20-facebook-partners.yaml");
    expect(extractName(absolute)).toBe("seeds/2018-12-20-facebook-partners.yaml");
    expect(extractName(path.relative(process.cwd(), absolute))).toBe("seeds/2018-12-20-facebook-partners.yaml");
    expect(listExtractFiles([path.join(projectRoot(), "seeds")]).files).toEqual(["seeds/2018-12-20-facebook-partners.yaml"]);
  });

  it("is absolute outside the project", () => {
    const outside = path.join(os.tmpdir(), "x.yaml");
    expect(extractName(outside)).toBe(outside);
  });
});
