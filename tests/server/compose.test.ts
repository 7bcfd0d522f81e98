import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import YAML from "yaml";
import { projectRoot } from "../../src/config.ts";
import { checkAccessPolicy, loadAccessPolicy, newToken } from "../../src/server/access.ts";

/**
 * docker-compose.yml, read as Docker Compose reads it (no Docker engine here): parsed with `yaml`,
 * its `${...}` interpolated from a given environment as Compose does, and the API service's
 * resulting environment put to the API's own access rule (src/server/access.ts).
 */
const COMPOSE_FILE = path.join(projectRoot(), "docker-compose.yml");
const RAW = fs.readFileSync(COMPOSE_FILE, "utf8");

/**
 * Compose's interpolation: `$$`, `$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?error}`, `${VAR?error}`, `${VAR:+replacement}`, `${VAR+replacement}`.
 */
function interpolate(text: string, env: Record<string, string>): string {
  return text.replace(/\$(\$|\{([A-Za-z_]\w*)(?:(:?[-?+])([^}]*))?\}|([A-Za-z_]\w*))/g, (_all, rest: string, name?: string, op?: string, arg?: string, bare?: string) => {
    if (rest === "$") return "$";
    if (bare) return env[bare] ?? "";
    const value = env[name!];
    const set = value !== undefined && (value !== "" || !op?.startsWith(":"));
    switch (op?.replace(":", "")) {
      case undefined:
        return value ?? "";
      case "-":
        return set ? value! : arg!;
      case "?":
        if (!set) throw new Error(`compose refuses: ${name}: ${arg}`);
        return value!;
      case "+":
        return set ? arg! : "";
    }
    throw new Error(`unknown interpolation ${op}`);
  });
}

type Service = { environment?: Record<string, string>; ports?: string[]; volumes?: string[]; healthcheck?: { test: string[] } };

/** The compose file as `docker compose config` would see it in `env`. */
function composed(env: Record<string, string>): { services: Record<string, Service> } {
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return interpolate(value, env);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value === null ? "" : String(value);
  };
  return walk(YAML.parse(RAW)) as { services: Record<string, Service> };
}

/** The host address of a short-syntax port ("IP:HOST:CONTAINER"); "" when none is given (every interface). */
const hostIp = (port: string) => {
  const match = /^(?:\[?([^\]]*?)\]?:)?(\d+):(\d+)(?:\/\w+)?$/.exec(port);
  if (!match) throw new Error(`unexpected port syntax ${port}`);
  return match[1] ?? "";
};

/** The API's access rule for the api service's environment, its mounted files read from where they come from on the host. */
function apiStarts(env: Record<string, string>): { starts: true; tokens: number } | { starts: false; error: string } {
  const api = composed(env).services.api;
  const apiEnv: Record<string, string> = { ...api.environment };
  for (const volume of api.volumes ?? []) {
    const [from, to] = volume.split(":");
    if (apiEnv.CLAIMGRAPH_TOKENS_FILE === to) apiEnv.CLAIMGRAPH_TOKENS_FILE = from;
  }
  try {
    const policy = loadAccessPolicy(apiEnv);
    checkAccessPolicy(apiEnv.HOST, policy);
    return { starts: true, tokens: policy.tokens.size };
  } catch (error) {
    return { starts: false, error: (error as Error).message };
  }
}

const PASSWORD = "a-test-password-0123";

describe("docker-compose.yml", () => {
  it("takes the database password from the environment, refusing to start without it; no password is written in the file", () => {
    expect(() => composed({})).toThrow(/compose refuses: NEO4J_PASSWORD/);
    const { services } = composed({ NEO4J_PASSWORD: PASSWORD });
    expect(services.neo4j.environment!.NEO4J_AUTH).toBe(`neo4j/${PASSWORD}`);
    expect(services.api.environment!.NEO4J_PASSWORD).toBe(PASSWORD);
    // every value naming a password or auth is the environment's, never a literal
    for (const [name, service] of Object.entries(YAML.parse(RAW).services as Record<string, Service>)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|AUTH/.test(key)) expect(String(value), `${name}.${key}`).toMatch(/^(neo4j\/)?\$\{NEO4J_PASSWORD(:\?[^}]*)?\}$/);
      }
    }
    expect(RAW).not.toMatch(/-p\s+[\\'"]*(?!\$)\w/); // the healthcheck's cypher-shell too
  });

  it("by default publishes the API on loopback only, the database nowhere, and the API starts without a policy", () => {
    const { services } = composed({ NEO4J_PASSWORD: PASSWORD });
    expect(services.api.ports!.length).toBeGreaterThan(0);
    for (const port of services.api.ports!) expect(hostIp(port), port).toBe("127.0.0.1");
    expect(services.neo4j.ports ?? []).toEqual([]);
    expect(services.api.environment!.CLAIMGRAPH_PUBLIC).not.toBe("true");
    expect(apiStarts({ NEO4J_PASSWORD: PASSWORD })).toEqual({ starts: true, tokens: 0 });
  });

  it("published beyond loopback, the API refuses to start without an access policy", () => {
    const env = { NEO4J_PASSWORD: PASSWORD, CLAIMGRAPH_BIND: "0.0.0.0" };
    for (const port of composed(env).services.api.ports!) expect(hostIp(port), port).toBe("0.0.0.0");
    const result = apiStarts(env);
    expect(result.starts).toBe(false);
    expect(result.starts === false && result.error).toMatch(/published on 0\.0\.0\.0 \(CLAIMGRAPH_PUBLISHED_ON\).*no access policy is set/);
  });

  it("published beyond loopback with a tokens file (or said public, or OIDC), the API starts with that policy", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "claimgraph-compose-"));
    const tokens = path.join(dir, "tokens");
    fs.writeFileSync(tokens, `${newToken("desk").line}\n`);
    const env = { NEO4J_PASSWORD: PASSWORD, CLAIMGRAPH_BIND: "0.0.0.0" };
    expect(apiStarts({ ...env, CLAIMGRAPH_TOKENS: tokens })).toEqual({ starts: true, tokens: 1 });
    expect(apiStarts({ ...env, CLAIMGRAPH_PUBLIC: "true" })).toEqual({ starts: true, tokens: 0 });
    expect(apiStarts({ ...env, CLAIMGRAPH_OIDC_ISSUER: "https://issuer.example", CLAIMGRAPH_OIDC_AUDIENCE: "claimgraph" }).starts).toBe(true);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
