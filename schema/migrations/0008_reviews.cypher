// Reviews (issue 23): a finding's current review, keyed by the finding's id (its statement's id), and
// the append-only log of events it is derived from, each once per finding and version.
CREATE CONSTRAINT review_finding IF NOT EXISTS FOR (r:Review) REQUIRE r.findingId IS UNIQUE;
CREATE CONSTRAINT review_event_version IF NOT EXISTS FOR (e:ReviewEvent) REQUIRE (e.findingId, e.version) IS UNIQUE;
CREATE CONSTRAINT reply_request_id IF NOT EXISTS FOR (q:ReplyRequest) REQUIRE q.id IS UNIQUE;
CREATE INDEX review_status IF NOT EXISTS FOR (r:Review) ON (r.status);
CREATE INDEX review_event_at IF NOT EXISTS FOR (e:ReviewEvent) ON (e.at);
CREATE INDEX reply_request_finding IF NOT EXISTS FOR (q:ReplyRequest) ON (q.findingId);
