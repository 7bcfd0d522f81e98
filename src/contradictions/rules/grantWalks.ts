/**
 * The walks every rule shares: the bound on corporate groups, category hierarchies and onward
 * transfer, and the steps between a grant and the organisations party to it.
 */

/** Corporate groups and category hierarchies are shallow; the bound keeps a bad import from looping. */
export const DEPTH = 6;

/**
 * Onward transfer: a grant and the grants it passes on, up to DEPTH links (`derivedFrom`): B gives C
 * what A granted B. A pattern step from a grant to itself or one of the grants it derives from.
 */
export const FROM_ITSELF_OR_SOURCES = `<-[:DERIVED_FROM*0..${DEPTH}]-`;

/**
 * UNION branches of a `CALL (o, role)` subquery: the grants organisation `o` is party to in `role`
 * ('GRANTEE': granted to it; 'GRANTOR': granted by it), as rows of `g`.
 */
export const grantsOfParty = (o: string, role: string, g: string) => `
    WITH ${o}, ${role} WHERE ${role} = 'GRANTEE'
    MATCH (${o})<-[:GRANTED_TO]-(${g}:AccessGrant)
    RETURN ${g}
    UNION
    WITH ${o}, ${role} WHERE ${role} = 'GRANTOR'
    MATCH (${o})<-[:GRANTED_BY]-(${g}:AccessGrant)
    RETURN ${g}`;

/**
 * UNION branches of a `CALL (g)` subquery: the organisations grant `g` is reached through, its
 * grantee's and its grantor's with the corporate groups above them, as rows of `o` and `role`
 * (then `columns`, more columns every branch of the caller's UNION returns).
 */
export const partiesOfGrant = (g: string, o: string, columns = "") => `
  MATCH (${g})-[:GRANTED_TO]->(:Organization)-[:PART_OF*0..${DEPTH}]->(${o}:Organization)
  RETURN ${o}, 'GRANTEE' AS role${columns}
  UNION
  MATCH (${g})-[:GRANTED_BY]->(:Organization)-[:PART_OF*0..${DEPTH}]->(${o}:Organization)
  RETURN ${o}, 'GRANTOR' AS role${columns}`;
