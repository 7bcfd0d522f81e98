// The marker saying which rules the precomputed contradictions were decided with,
// (:_Derived {id: 'contradictions'}), is read at the start of every contradictions query: found by
// an index seek rather than a scan of its label.
CREATE CONSTRAINT derived_id_unique IF NOT EXISTS FOR (m:_Derived) REQUIRE m.id IS UNIQUE;
