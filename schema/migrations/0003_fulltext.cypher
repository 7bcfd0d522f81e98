// Full-text search over what was said and what was reported.
CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (n:Statement) ON EACH [n.quote, n.paraphrase];
CREATE FULLTEXT INDEX report_text IF NOT EXISTS FOR (n:Report) ON EACH [n.title];
CREATE FULLTEXT INDEX organization_text IF NOT EXISTS FOR (n:Organization) ON EACH [n.name, n.aliasText];
