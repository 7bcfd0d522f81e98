import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/config.ts";
import { useSeededApi } from "../support/api.ts";

/**
 * Issue 22, point 7: a report without an address links, on the desk, to its archived text, served
 * at /reports/<id>/text exactly as loaded, as plain text nothing runs.
 */
const seeded = useSeededApi();
const ARTICLE = "facebook-partners-private-messages-2018-12-20";

describe("a report's archived text", () => {
  it("is served as loaded, as plain text in a sandbox, for GET and HEAD", async () => {
    const [{ textFile }] = await seeded.graph.read<{ textFile: string }>("MATCH (r:Report {id: $id}) RETURN r.textFile AS textFile", { id: ARTICLE });
    const onDisk = fs.readFileSync(path.resolve(projectRoot(), textFile));
    const response = await fetch(`${seeded.api.url}/reports/${ARTICLE}/text`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(onDisk)).toBe(true);
    expect(body.toString("utf8")).toContain("Facebook allowed Netflix, Spotify to access private user messages");
    const head = await fetch(`${seeded.api.url}/reports/${ARTICLE}/text`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(Number(head.headers.get("content-length"))).toBe(onDisk.length);
  });

  it("404 for an unknown report or one without an archived text, 409 when the file changed since it was loaded, 405 for a write", async () => {
    const ask = (id: string, init?: RequestInit) => fetch(`${seeded.api.url}/reports/${id}/text`, init);
    const unknown = await ask("no-such-report");
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).errors[0].extensions.code).toBe("NOT_FOUND");
    const untexted = await ask("nyt-2018-12-18-facebook-partners");
    expect(untexted.status).toBe(404);
    expect(((await untexted.json()) as any).errors[0].message).toContain("has no archived text");

    // A report whose file on disk is no longer the one loaded.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-report-text-"));
    const file = path.join(dir, "changed.txt");
    fs.writeFileSync(file, "the text as it was loaded\n");
    const loadedHash = createHash("sha256").update("the text as it was loaded\n").digest("hex");
    await seeded.graph.write("CREATE (:Report {id: 'changed-report', kind: 'ARTICLE', textFile: $file, textSha256: $sha})", { file, sha: loadedHash });
    try {
      expect((await ask("changed-report")).status).toBe(200);
      fs.writeFileSync(file, "the text, edited afterwards\n");
      const changed = await ask("changed-report");
      expect(changed.status).toBe(409);
      const message = ((await changed.json()) as any).errors[0].message;
      expect(message).toContain("changed since it was loaded");
      expect(message).not.toContain("edited afterwards");
      fs.rmSync(file);
      expect((await ask("changed-report")).status).toBe(404);
    } finally {
      await seeded.graph.write("MATCH (r:Report {id: 'changed-report'}) DELETE r");
      fs.rmSync(dir, { recursive: true, force: true });
    }
    expect((await ask(ARTICLE, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" })).status).toBe(405);
  });
});
