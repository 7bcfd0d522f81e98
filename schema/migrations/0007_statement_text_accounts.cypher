// A REPORTED statement has no quote of the speaker's: full-text search reads its source's account too.
// A full-text index cannot change its properties, so it is dropped and made again under the same name.
DROP INDEX statement_text IF EXISTS;
CREATE FULLTEXT INDEX statement_text IF NOT EXISTS FOR (n:Statement) ON EACH [n.quote, n.paraphrase, n.account];
