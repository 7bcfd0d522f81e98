import type { Stance } from "../domain/model.ts";
import { type About, type Episode, GROUP_PARENTS, MEMBER_OF_PARENT, type OrgKey, STANDALONE } from "./episode.ts";
import { KINDS } from "./manifest.ts";
import { GRANTABLE } from "./vocabulary.ts";

/**
 * The contradictions an episode plants: one or two vignettes of the kinds in turn, each with a
 * purpose of its own (so no other vignette's statements meet its grants), and one shape of a real
 * story. Each says what it planted (Episode.plant), and the near-misses beside it (an excepted group,
 * an ordinary grant beside exempt ones, an admission).
 */

/** One or two vignettes per episode, kinds in turn. */
export function plantContradictionVignettes(ep: Episode): void {
  const { rng, org, Y, cellIndex, e } = ep;
  const plantedVignettes = rng.chance(0.5) ? 2 : 1;
  for (let v = 0; v < plantedVignettes; v++) {
    const kind = KINDS[(cellIndex * 7 + e * 2 + v) % KINDS.length];
    const purpose = ep.newPurpose();
    switch (kind) {
      case "DENIAL_VS_GRANT":
      case "UNAWARENESS_VS_GRANT":
      case "USE_OR_REQUEST_VS_GRANT": {
        const speaker = ep.anyPartner();
        // A group parent's statement meets its member's grant (rule 1, corporate groups).
        const holder: OrgKey = GROUP_PARENTS.includes(speaker) && rng.chance(0.5) ? MEMBER_OF_PARENT[speaker] : speaker;
        const data = rng.pick(GRANTABLE);
        const caps = rng.chance(0.3) ? ["READ"] : undefined;
        const g = ep.grant({ grantee: holder, data: [data], capabilities: caps, purpose, validTo: rng.chance(0.2) ? null : undefined });
        const stance: Stance =
          kind === "DENIAL_VS_GRANT" ? "DENIES_ACCESS" : kind === "UNAWARENESS_VS_GRANT" ? "CLAIMS_UNAWARE" : rng.pick(["DENIES_USE", "DENIES_REQUEST"] as const);
        const s = ep.statement({
          by: speaker,
          stance,
          about: {
            grantee: org(speaker),
            ...(rng.chance(0.5) ? { grantor: org("platform") } : {}),
            ...ep.overlappingData(data),
            ...(caps && rng.chance(0.5) ? { capabilities: ["READ", "WRITE"] } : {}),
            purpose,
            ...ep.period(),
          },
        });
        ep.plant(s, g, kind);
        ep.maybeAdmission(g, holder, purpose, data);
        break;
      }
      case "ENDED_VS_ACTIVE": {
        // "We shut it down", while a grant is still open or runs past the claimed end. Sometimes
        // with an exception, as the article's "except Apple and Amazon": the excepted group's grant
        // is a near-miss beside the planted one.
        const grantee = rng.pick(STANDALONE);
        const data = rng.pick(GRANTABLE);
        const g = ep.grant({ grantee, data: [data], purpose, validTo: rng.chance(0.5) ? null : `${Y + 1}-06` });
        const withException = rng.chance(0.5);
        const excepted = rng.pick(GROUP_PARENTS);
        const ge = withException ? ep.grant({ grantee: MEMBER_OF_PARENT[excepted], data: [data], purpose, validTo: null }) : null;
        const s = ep.statement({
          by: "platform",
          stance: "CLAIMS_ENDED",
          about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` }, ...(withException ? { except: [org(excepted)] } : {}) },
        });
        ep.plant(s, g, kind);
        if (ge) ep.nearMiss(s, ge, "EXCEPTED");
        ep.maybeAdmission(g, grantee, purpose, data);
        break;
      }
      case "ASSURANCE_VS_EXEMPTION": {
        // "Partners don't get to ignore privacy settings", an assurance naming only the grantor,
        // against grants exempt from the rules: one or two exempt grants, and sometimes an ordinary
        // one beside them (a near-miss). Naming no purpose, it reaches every grant of its grantor in
        // its period: the grantor is the first group's member, which grants nothing else, and the
        // grants and the assurance keep to the episode's year.
        const grantor = MEMBER_OF_PARENT[GROUP_PARENTS[0]];
        const grantees = rng.sample(STANDALONE, 3);
        const exemptCount = rng.chance(0.4) ? 2 : 1;
        const s0: string[] = [];
        for (let i = 0; i < exemptCount; i++) s0.push(ep.grant({ grantor, grantee: grantees[i], purpose, exempt: true }));
        const ordinary = rng.chance(0.5) ? ep.grant({ grantor, grantee: grantees[2], purpose }) : null;
        const s = ep.statement({ by: grantor, stance: "ASSURES_SAFEGUARD", about: { grantor: org(grantor), period: { from: `${Y}-01`, to: `${Y}-12` } } });
        s0.forEach((g) => ep.plant(s, g, kind));
        if (ordinary) ep.nearMiss(s, ordinary, "NOT_EXEMPT");
        break;
      }
    }
  }
}

/**
 * Shapes of real stories, one per episode in turn: data passed on (once or twice) from the platform
 * to the one that denies having it; an assurance scoped by grantee or purpose against an ordinary
 * grant; self-collection against a promise; a grantor's denial of giving access.
 */
export function plantStoryShape(ep: Episode): void {
  const { rng, org, cellIndex, e } = ep;
  const purpose = ep.newPurpose();
  const data = rng.pick(GRANTABLE);
  switch ((cellIndex * 3 + e) % 4) {
    case 0: {
      const [first, second, third] = rng.sample(STANDALONE, 3);
      const source = ep.grant({ grantee: first, data: [data], purpose });
      let last = ep.grant({ grantor: first, grantee: second, derivedFrom: source, data: [data], purpose, validTo: rng.chance(0.5) ? null : undefined });
      let holder: OrgKey = second;
      if (rng.chance(0.4)) {
        last = ep.grant({ grantor: second, grantee: third, derivedFrom: last, data: [data], purpose });
        holder = third;
      }
      const s = ep.statement({ by: holder, stance: "DENIES_ACCESS", about: { grantee: org(holder), grantor: org("platform"), purpose, ...ep.overlappingData(data) } });
      ep.plant(s, last, "DENIAL_VS_GRANT");
      break;
    }
    case 1: {
      const grantee = ep.anyPartner();
      const g = ep.grant({ grantee, data: [data], purpose });
      const about: About = rng.chance(0.5) ? { grantor: org("platform"), purpose } : { grantee: org(grantee), purpose, ...ep.overlappingData(data) };
      const s = ep.statement({ by: "platform", stance: "ASSURES_SAFEGUARD", about });
      ep.plant(s, g, "ASSURANCE_VS_EXEMPTION");
      break;
    }
    case 2: {
      const collector = ep.anyPartner();
      const g = ep.grant({ grantor: null, grantee: collector, data: [data], capabilities: ["COLLECT"], purpose, validTo: null });
      const stance = rng.pick(["ASSURES_SAFEGUARD", "DENIES_ACCESS"] as const);
      const s = ep.statement({ by: collector, stance, about: { grantee: org(collector), purpose, ...ep.overlappingData(data) } });
      ep.plant(s, g, stance === "ASSURES_SAFEGUARD" ? "ASSURANCE_VS_EXEMPTION" : "DENIAL_VS_GRANT");
      break;
    }
    default: {
      const g = ep.grant({ grantee: rng.pick(STANDALONE), data: [data], purpose });
      const s = ep.statement({ by: "platform", stance: "DENIES_ACCESS", about: { grantor: org("platform"), purpose, ...ep.period() } });
      ep.plant(s, g, "DENIAL_VS_GRANT");
    }
  }
}
