import { type Episode, GROUP_OF, GROUP_PARENTS, MEMBER_OF_PARENT, STANDALONE } from "./episode.ts";
import { NEAR_MISS_REASONS, type NearMissReason } from "./manifest.ts";
import { CATEGORY, GRANTABLE, branchOf } from "./vocabulary.ts";

/**
 * The near-misses an episode plants: four vignettes, each a statement and a grant that meet on every
 * rule but one (NEAR_MISS_REASONS), said as such to the manifest (Episode.nearMiss).
 */
export function plantNearMisses(ep: Episode): void {
  const { rng, org, Y } = ep;
  const reasons = NEAR_MISS_REASONS.filter((r) => r !== "EXCEPTED" && r !== "NOT_EXEMPT" && r !== "ADMISSION");
  const pickedReasons = [
    ...rng.sample(reasons, 3),
    rng.pick(["EXCEPTED", "NOT_EXEMPT", "ADMISSION"] as NearMissReason[]),
  ];
  for (const reason of pickedReasons) {
    const purpose = ep.newPurpose();
    const speaker = ep.anyPartner();
    const data = rng.pick(GRANTABLE);
    switch (reason) {
      case "EXCEPTED": {
        const excepted = rng.pick(GROUP_PARENTS);
        const byId = rng.chance(0.5); // except the member itself, or its group
        const g = ep.grant({ grantee: MEMBER_OF_PARENT[excepted], data: [data], purpose, validTo: null });
        const s = ep.statement({
          by: "platform",
          stance: "CLAIMS_ENDED",
          about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` }, except: [org(byId ? MEMBER_OF_PARENT[excepted] : excepted)] },
        });
        ep.nearMiss(s, g, "EXCEPTED");
        break;
      }
      case "GRANT_ENDED_BEFORE_CLAIMED_END": {
        const g = ep.grant({ grantee: speaker, data: [data], purpose, validFrom: `${Y}-01`, validTo: `${Y}-03` });
        const s = ep.statement({ by: "platform", stance: "CLAIMS_ENDED", about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` } } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "OTHER_PURPOSE": {
        const g = ep.grant({ grantee: speaker, data: [data], purpose: `${purpose}-other` });
        const s = ep.statement({ by: speaker, stance: rng.pick(["DENIES_USE", "DENIES_ACCESS"] as const), about: { grantee: org(speaker), purpose, ...ep.overlappingData(data) } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "OTHER_DATA_BRANCH": {
        const other = rng.pick(GRANTABLE.filter((d) => branchOf(d) !== branchOf(data)));
        const g = ep.grant({ grantee: speaker, data: [data], purpose });
        const s = ep.statement({ by: speaker, stance: "DENIES_ACCESS", about: { grantee: org(speaker), data: [other], purpose, ...ep.period() } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "OWN_SIDE_EVIDENCE_ONLY": {
        // Documented only by the speaker's press release, its group's, or its spokesperson's blog.
        const group = GROUP_OF[speaker];
        const source = rng.pick(["press", "blog", ...(group ? ["group"] : [])]);
        const report = source === "press" ? ep.press(speaker) : source === "blog" ? ep.blog(speaker) : ep.press(group!);
        const g = ep.grant({ grantee: speaker, data: [data], purpose, documentedIn: [{ report, quote: `We had access to ${CATEGORY.get(data)!.name}.` }] });
        const s = ep.statement({ by: speaker, stance: rng.pick(["DENIES_ACCESS", "CLAIMS_UNAWARE"] as const), about: { grantee: org(speaker), purpose } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "PERIOD_NOT_OVERLAPPING": {
        const g = ep.grant({ grantee: speaker, data: [data], purpose, validFrom: `${Y}-06`, validTo: `${Y}-10` });
        const s = ep.statement({ by: speaker, stance: "CLAIMS_UNAWARE", about: { grantee: org(speaker), purpose, period: { from: `${Y}-01`, to: `${Y}-04` } } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "NOT_EXEMPT": {
        // An assurance naming only the grantor (the second group's member, which grants nothing
        // else; the episode's year), against an ordinary grant.
        const grantor = MEMBER_OF_PARENT[GROUP_PARENTS[1]];
        const g = ep.grant({ grantor, grantee: rng.pick(STANDALONE), data: [data], purpose, exempt: false });
        const s = ep.statement({ by: grantor, stance: "ASSURES_SAFEGUARD", about: { grantor: org(grantor), period: { from: `${Y}-01`, to: `${Y}-12` } } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "CAPABILITIES_DISJOINT": {
        const g = ep.grant({ grantee: speaker, data: [data], capabilities: ["READ"], purpose });
        const s = ep.statement({ by: speaker, stance: "DENIES_ACCESS", about: { grantee: org(speaker), capabilities: ["WRITE", "DELETE"], purpose } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "ADMISSION": {
        const g = ep.grant({ grantee: speaker, data: [data], purpose });
        const s = ep.statement({ by: speaker, stance: "AFFIRMS_ACCESS", about: { grantee: org(speaker), grantor: org("platform"), data: [data], purpose } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "GRANTOR_DENIES_USE": {
        // A grantor's denial of its partners' use or requests does not reach grants through the
        // grantor alone (its claims that access ended, assurances and denials of access do).
        const g = ep.grant({ grantee: speaker, data: [data], purpose });
        const s = ep.statement({ by: "platform", stance: rng.pick(["DENIES_USE", "DENIES_REQUEST"] as const), about: { grantor: org("platform"), purpose } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "ONWARD_FROM_ANOTHER_GRANTOR": {
        // A grantee's denial of the platform's data does not reach what it received from another
        // grantor, passed on or not.
        const [other, holder] = rng.sample(STANDALONE, 2);
        const g = ep.grant({ grantor: other, grantee: holder, data: [data], purpose });
        const s = ep.statement({ by: holder, stance: "DENIES_ACCESS", about: { grantee: org(holder), grantor: org("platform"), purpose } });
        ep.nearMiss(s, g, reason);
        break;
      }
      case "ONWARD_NOT_GRANTORS_OWN": {
        // The platform's "we shut it down" speaks of the grants it gave (this one ended in time),
        // not of what a partner passed on from one of them (still open).
        const [first, second] = rng.sample(STANDALONE, 2);
        const source = ep.grant({ grantee: first, data: [data], purpose, validFrom: `${Y}-01`, validTo: `${Y}-03` });
        const onward = ep.grant({ grantor: first, grantee: second, derivedFrom: source, data: [data], purpose, validTo: null });
        const s = ep.statement({ by: "platform", stance: "CLAIMS_ENDED", about: { grantor: org("platform"), purpose, period: { to: `${Y}-06` } } });
        ep.nearMiss(s, source, "GRANT_ENDED_BEFORE_CLAIMED_END");
        ep.nearMiss(s, onward, reason);
        break;
      }
      case "MEMBER_VS_GROUP_GRANT": {
        // A member's statement does not reach its group's grant (PART_OF points up).
        const parent = rng.pick(GROUP_PARENTS);
        const member = MEMBER_OF_PARENT[parent];
        const g = ep.grant({ grantee: parent, data: [data], purpose });
        const s = ep.statement({ by: member, stance: "DENIES_ACCESS", about: { grantee: org(member), purpose } });
        ep.nearMiss(s, g, reason);
        break;
      }
    }
  }
}
