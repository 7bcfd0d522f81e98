// Property indexes the API filters and sorts on.
CREATE INDEX statement_stance IF NOT EXISTS FOR (n:Statement) ON (n.stance);
CREATE INDEX statement_made_at IF NOT EXISTS FOR (n:Statement) ON (n.madeAt);
CREATE INDEX report_published_at IF NOT EXISTS FOR (n:Report) ON (n.publishedAt);
CREATE INDEX organization_kind IF NOT EXISTS FOR (n:Organization) ON (n.kind);
CREATE INDEX organization_name IF NOT EXISTS FOR (n:Organization) ON (n.name);
CREATE INDEX access_grant_exempt IF NOT EXISTS FOR (n:AccessGrant) ON (n.exemptFromPrivacyRules);
