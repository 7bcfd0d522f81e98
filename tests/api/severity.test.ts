import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { useSeededApi } from "../support/api.ts";

/**
 * The severity model (docs/rules.md, "Severity") on the seed, and corroboration in scope (issue 22,
 * points 4 and 5): the ordering an editor would choose, Netflix's verbatim denial among the strongest,
 * a group claim that concedes the access among the weakest; an admission corroborates only within
 * its scope, and a speakerless sentence read as a party's never does.
 */
const seeded = useSeededApi();

interface Row {
  id: string;
  severity: number;
  explanation: string;
  corroboration: { byOtherParty: boolean; statement: { id: string } }[];
}

async function all(): Promise<Row[]> {
  const { body } = await seeded.api.query(`{ contradictions(first: 100) { edges { node { id severity explanation corroboration { byOtherParty statement { id } } } } } }`);
  expect(body.errors).toBeUndefined();
  return body.data.contradictions.edges.map((e: { node: Row }) => e.node);
}

describe("severity on the seed", () => {
  it("orders as the table says: the assurances against exempt access, then Netflix's verbatim denial, the group claims of unawareness last", async () => {
    const rows = await all();
    const order = rows.map((r) => `${r.severity} ${r.id}`);
    expect(order).toEqual([
      "45 facebook-partners-dont-ignore-privacy-settings~facebook-amazon-personal-data",
      "45 facebook-partners-dont-ignore-privacy-settings~facebook-apple-personal-data",
      "45 facebook-partners-dont-ignore-privacy-settings~facebook-yahoo-personal-data",
      "40 netflix-never-asked-or-accessed-messages~facebook-netflix-private-messages",
      "25 apple-unaware-of-access~facebook-apple-personal-data",
      "25 netflix-unaware-of-access~facebook-netflix-private-messages",
      "25 spotify-unaware-of-access~facebook-spotify-private-messages",
    ]);
  });

  it("the unawareness that concedes the access says so", async () => {
    const rows = await all();
    const netflix = rows.find((r) => r.id === "netflix-unaware-of-access~facebook-netflix-private-messages")!;
    expect(netflix.explanation).toContain("claimed not to know the full extent of its access, which concedes the access itself");
    expect(netflix.explanation).not.toContain("claimed not to know the extent");
  });
});

describe("corroboration in scope", () => {
  it("Amazon's contacts sync does not corroborate extensive access to personal data; speakerless sentences corroborate nothing", async () => {
    const rows = await all();
    const admissions = new Set(rows.flatMap((r) => r.corroboration.map((c) => c.statement.id)));
    expect(admissions.has("amazon-uses-facebook-interfaces")).toBe(false);
    for (const inferred of ["facebook-message-access-purpose", "facebook-spotify-read-access"]) expect(admissions.has(inferred), inferred).toBe(false);
    // Facebook's named acknowledgement about Apple, Amazon and Yahoo (personal data) still corroborates Apple's grant, as the other party.
    const apple = rows.find((r) => r.id === "apple-unaware-of-access~facebook-apple-personal-data")!;
    expect(apple.corroboration).toEqual([{ byOtherParty: true, statement: { id: "facebook-not-service-providers" } }]);
  });
});
