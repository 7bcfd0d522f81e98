// Contradictions are decided at load and kept as derived (Statement)-[:CONTRADICTS]->(AccessGrant)
// relationships (src/extract/load.ts, src/contradictions/contradictionCypher.ts). This index lets the
// first page of all contradictions be read strongest first without sorting them all.
CREATE INDEX contradicts_severity IF NOT EXISTS FOR ()-[c:CONTRADICTS]-() ON (c.severity);
