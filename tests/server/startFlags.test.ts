import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { startFlags } from "../support/startFlags.ts";

describe("the API's Node flags", () => {
  it("npm start and the Docker image run the API with the same Node flags", () => {
    const flags = startFlags();
    expect(flags).toContain("--max-semi-space-size=64");
    const dockerfile = fs.readFileSync(path.join(projectRoot(), "Dockerfile"), "utf8");
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile);
    expect(cmd, "the Dockerfile's CMD").not.toBeNull();
    expect(JSON.parse(cmd![1])).toEqual(["node", ...flags, "src/bin/claimgraph.mjs", "serve"]);
  });
});
