// Each load records the ids every extract file defines, (:_Extract {file, ids}), so that reloading an
// edited file removes what it no longer says (src/extract/prune.ts). One record per file.
CREATE CONSTRAINT extract_file_unique IF NOT EXISTS FOR (x:_Extract) REQUIRE x.file IS UNIQUE;
