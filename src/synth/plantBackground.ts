import type { Stance } from "../domain/model.ts";
import { type About, type Episode, STANDALONE, STATEMENTS_PER_EPISODE, pad } from "./episode.ts";
import { GRANTABLE } from "./vocabulary.ts";

/**
 * What an episode holds besides its vignettes: grants nobody speaks of, and statements that meet no
 * grant, in the article's proportions. They are the cost a real graph has: every statement that can
 * contradict reaches every grant of its parties through rule 1, to be turned away by the others.
 */

/** Background grants nobody speaks of, up to ten an episode: partner to partner, self-collected, open, exempt. */
export function plantBackgroundGrants(ep: Episode): void {
  const { rng, Y } = ep;
  while (ep.grantCount < 10) {
    const kind = rng.int(0, 3);
    const grantee = ep.anyPartner();
    ep.grant({
      grantor: kind === 0 ? null : kind === 1 ? rng.pick(STANDALONE.filter((k) => k !== grantee)) : "platform",
      grantee,
      purpose: ep.newPurpose(),
      capabilities: rng.chance(0.3) ? rng.sample(["READ", "WRITE", "COLLECT", "TRANSFER"], rng.int(1, 2)) : undefined,
      validTo: rng.chance(0.25) ? null : rng.chance(0.2) ? "unknown" : `${Y}-${pad(rng.int(3, 12), 2)}`,
      exempt: rng.chance(0.15),
    });
  }
}

/**
 * The rest of the episode's 50 statements, in the article's proportions: half can contradict (each
 * with a purpose of its own, so it reaches every grant of its parties and matches none), a fifth are
 * admissions, the rest context.
 */
export function plantBackgroundStatements(ep: Episode): void {
  const { rng, org, Y } = ep;
  while (ep.statementCount < STATEMENTS_PER_EPISODE) {
    const roll = rng.next();
    const speaker = ep.anyPartner();
    if (roll < 0.5) {
      const byPlatform = rng.chance(0.25);
      const stance: Stance = byPlatform
        ? rng.pick(["CLAIMS_ENDED", "CLAIMS_ENDED", "ASSURES_SAFEGUARD"] as const)
        : rng.pick(["DENIES_ACCESS", "DENIES_USE", "DENIES_REQUEST", "CLAIMS_UNAWARE"] as const);
      const about: About = byPlatform
        ? { grantor: org("platform"), purpose: ep.newPurpose(), ...(stance === "CLAIMS_ENDED" ? { period: { to: `${Y}-${pad(rng.int(1, 11), 2)}` } } : {}) }
        : { grantee: org(speaker), ...(rng.chance(0.5) ? { grantor: org("platform") } : {}), purpose: ep.newPurpose(), ...(rng.chance(0.5) ? { data: [rng.pick(GRANTABLE)] } : {}) };
      ep.statement({ by: byPlatform ? "platform" : speaker, stance, about });
    } else if (roll < 0.72) {
      const byPlatform = rng.chance(0.4);
      ep.statement({
        by: byPlatform ? "platform" : speaker,
        stance: "AFFIRMS_ACCESS",
        about: { grantor: org("platform"), grantee: org(speaker), purpose: ep.newPurpose(), ...(rng.chance(0.5) ? { data: [rng.pick(GRANTABLE)] } : {}) },
      });
    } else {
      const byPlatform = rng.chance(0.3);
      const about: About = rng.pick<About>([
        { grantee: org(speaker) },
        { grantor: org("platform") },
        { grantee: org(speaker), grantor: org("platform") },
        { data: [rng.pick(GRANTABLE)] },
      ]);
      ep.statement({ by: byPlatform ? "platform" : speaker, stance: "CONTEXT", about });
    }
  }
}
