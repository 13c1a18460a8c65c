// Reads the msgid/msgstr pairs of a gettext .po file (the subset our catalogs use:
// comments, msgctxt ignored, multi-line strings, C escapes). Entries without a
// translation are left out so the English text shows. With `referenceContains`, only
// entries with a `#:` reference containing it are kept (e.g. "/static/": the browser's
// strings of a module whose .po also holds its Python and data strings, as Odoo's do).

function unquote(line: string): string {
  const body = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
  return body.replace(/\\(["\\nt])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

interface Entry {
  references: string[];
  id: string | null;
  str: string;
}

export function parsePo(source: string, referenceContains?: string): Record<string, string> {
  const catalog: Record<string, string> = {};
  let entry: Entry = { references: [], id: null, str: "" };
  let field: "msgid" | "msgstr" | "other" | null = null;
  const finish = () => {
    const wanted = referenceContains === undefined || entry.references.some((r) => r.includes(referenceContains));
    if (entry.id && entry.str && wanted) catalog[entry.id] = entry.str;
    entry = { references: [], id: null, str: "" };
    field = null;
  };
  for (const raw of source.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("#:")) {
      if (entry.id !== null) finish();
      entry.references.push(line.slice(2).trim());
    } else if (line.startsWith("msgid ")) {
      if (entry.id !== null) finish();
      entry.id = unquote(line);
      field = "msgid";
    } else if (line.startsWith("msgstr ")) {
      entry.str = unquote(line);
      field = "msgstr";
    } else if (line.startsWith("msgctxt ") || line.startsWith("msgid_plural") || line.startsWith("msgstr[")) {
      field = "other";
    } else if (line.startsWith('"')) {
      if (field === "msgid") entry.id += unquote(line);
      else if (field === "msgstr") entry.str += unquote(line);
    }
  }
  finish();
  return catalog;
}
