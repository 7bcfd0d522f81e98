// Every node of the model is addressed by a slug id that is unique within its label.
CREATE CONSTRAINT organization_id IF NOT EXISTS FOR (n:Organization) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT person_id IF NOT EXISTS FOR (n:Person) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT report_id IF NOT EXISTS FOR (n:Report) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT statement_id IF NOT EXISTS FOR (n:Statement) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT access_grant_id IF NOT EXISTS FOR (n:AccessGrant) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT data_category_id IF NOT EXISTS FOR (n:DataCategory) REQUIRE n.id IS UNIQUE;
