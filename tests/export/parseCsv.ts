/**
 * A strict RFC 4180 reader for the tests: quoted fields may hold quotes (doubled), commas and line
 * breaks; records end in CRLF. Anything malformed throws, so a quoting bug in the export fails.
 */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  while (i < text.length) {
    if (text[i] === '"' && field === "") {
      i += 1;
      for (;;) {
        if (i >= text.length) throw new Error("unterminated quoted field");
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += text[i];
        i += 1;
      }
      if (i < text.length && text[i] !== "," && text.slice(i, i + 2) !== "\r\n") {
        throw new Error(`text after a closing quote at offset ${i}`);
      }
      continue;
    }
    if (text[i] === ",") {
      endField();
      i += 1;
    } else if (text.slice(i, i + 2) === "\r\n") {
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (text[i] === "\n" || text[i] === "\r" || text[i] === '"') {
      throw new Error(`unquoted ${JSON.stringify(text[i])} at offset ${i}`);
    } else {
      field += text[i];
      i += 1;
    }
  }
  if (field !== "" || record.length) throw new Error("the last record does not end in CRLF");
  return records;
}

/** Records as objects keyed by the header row; every row must have the header's width. */
export function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  return rows.map((row, n) => {
    if (row.length !== header.length) throw new Error(`row ${n + 1} has ${row.length} fields, the header ${header.length}`);
    return Object.fromEntries(header.map((name, i) => [name, row[i]]));
  });
}
