import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { inputsHash, loadWebBundle } from "../../src/web/bundle.ts";

/** The bundle's cache: built once per set of inputs, then read back; stale bundles are removed. */
describe("the web bundle", () => {
  it("is built when its cache is cold, read back when warm, and keyed by a hash of its inputs", async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-web-cache-"));
    fs.mkdirSync(path.join(cacheDir, "0000stalebundle0"));
    const hash = inputsHash();
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(inputsHash()).toBe(hash);

    const cold = await loadWebBundle({ cacheDir });
    expect(cold.source).toBe("built");
    expect(cold.hash).toBe(hash);
    for (const file of ["playground/main.js", "playground/main.css", "explorer/main.js", "explorer/main.css", "desk/main.js", "desk/main.css", "intake/main.js", "intake/main.css", "workers/editor.js", "workers/json.js", "workers/graphql.js"]) {
      expect(cold.assets.get(file)?.body.length, file).toBeGreaterThan(1000);
    }
    expect(fs.readdirSync(cacheDir)).toEqual([hash]);

    const warm = await loadWebBundle({ cacheDir });
    expect(warm.source).toBe("cached");
    expect(warm.millis).toBeLessThan(cold.millis);
    expect([...warm.assets.keys()].sort()).toEqual([...cold.assets.keys()].sort());
    for (const [file, asset] of cold.assets) expect(warm.assets.get(file)?.etag, file).toBe(asset.etag);
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });
});
