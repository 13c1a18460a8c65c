// Reads the msgid/msgstr pairs of a gettext .po file (the subset our catalogs use:
// comments, msgctxt ignored, multi-line strings, C escapes). Entries without a
// translation are left out so the English text shows.

function unquote(line: string): string {
  const body = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
  return body.replace(/\\(["\\nt])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

export function parsePo(source: string): Record<string, string> {
  const catalog: Record<string, string> = {};
  let field: "msgid" | "msgstr" | "other" | null = null;
  let id = "";
  let str = "";
  const flush = () => {
    if (id && str) catalog[id] = str;
    id = "";
    str = "";
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("msgid ")) {
      flush();
      field = "msgid";
      id = unquote(line);
    } else if (line.startsWith("msgstr ")) {
      field = "msgstr";
      str = unquote(line);
    } else if (line.startsWith("msgctxt ") || line.startsWith("msgid_plural") || line.startsWith("msgstr[")) {
      field = "other";
    } else if (line.startsWith('"')) {
      if (field === "msgid") id += unquote(line);
      else if (field === "msgstr") str += unquote(line);
    } else if (line === "" ) {
      field = null;
    }
  }
  flush();
  return catalog;
}
