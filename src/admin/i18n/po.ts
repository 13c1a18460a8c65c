// Reads gettext catalogs (.po) into a msgid → msgstr map. Only what Odoo's catalogs use:
// msgctxt is ignored, plural forms are not used by this app.

function unquote(line: string): string {
  const body = line.slice(line.indexOf('"') + 1, line.lastIndexOf('"'));
  return body.replace(/\\(["\\nt])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : c));
}

export function parsePo(text: string): Map<string, string> {
  const catalog = new Map<string, string>();
  let msgid: string | null = null;
  let msgstr: string | null = null;
  let current: "id" | "str" | null = null;
  const flush = () => {
    if (msgid && msgstr) catalog.set(msgid, msgstr);
    msgid = msgstr = null;
    current = null;
  };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith("msgid ")) {
      flush();
      msgid = unquote(line);
      current = "id";
    } else if (line.startsWith("msgstr ")) {
      msgstr = unquote(line);
      current = "str";
    } else if (line.startsWith('"') && current) {
      if (current === "id") msgid += unquote(line);
      else msgstr += unquote(line);
    } else if (line === "" || line.startsWith("#")) {
      if (current === "str") flush();
    }
  }
  flush();
  return catalog;
}

/** Quotes a string as a .po literal. */
export function poQuote(text: string): string {
  return '"' + text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}
