// A lenient RFC 2822 address-list reader with the decisions Odoo's email helpers rely on
// (Python's `email.utils.getaddresses` without its strict mode): it returns (name, address)
// pairs, an empty pair where a piece could not be read. Written for `email.ts`; it mirrors the
// parsing decisions observed on real Odoo (see ../../tests/unit/engine/email*.test.ts).

export type AddressPair = [name: string, address: string];

const SPECIALS = '()<>@,:;."[]';
const BLANKS = " \t";
const LINE_BREAKS = "\r\n";
const ATOM_ENDS = SPECIALS + BLANKS + LINE_BREAKS;
const PHRASE_ENDS = ATOM_ENDS.replace(".", "");

export function parseAddressList(text: string): AddressPair[] {
  const reader = new AddressReader(text);
  const pairs: AddressPair[] = [];
  while (!reader.atEnd()) {
    const found = reader.address();
    if (found.length) pairs.push(...found);
    else pairs.push(["", ""]);
  }
  return pairs;
}

class AddressReader {
  private pos = 0;
  private comments: string[] = [];

  constructor(private readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  private char(): string {
    return this.text[this.pos]!;
  }

  /** Skips blanks, line breaks and comments; returns the blanks (not line breaks) skipped. */
  private skipSpace(): string {
    let blanks = "";
    while (!this.atEnd()) {
      const c = this.char();
      if (BLANKS.includes(c) || LINE_BREAKS.includes(c)) {
        if (BLANKS.includes(c)) blanks += c;
        this.pos++;
      } else if (c === "(") this.comments.push(this.comment());
      else break;
    }
    return blanks;
  }

  address(): AddressPair[] {
    this.comments = [];
    this.skipSpace();
    const start = this.pos;
    const startComments = this.comments;
    const phrase = this.phrase();
    this.skipSpace();
    let result: AddressPair[] = [];
    if (this.atEnd()) {
      if (phrase.length) result = [[this.comments.join(" "), phrase[0]!]];
    } else if (".@".includes(this.char())) {
      // A bare addr-spec: read it again from the start.
      this.pos = start;
      this.comments = startComments;
      const spec = this.addrSpec();
      result = [[this.comments.join(" "), spec]];
    } else if (this.char() === ":") {
      // A group "name: a, b;"
      this.pos++;
      while (!this.atEnd()) {
        this.skipSpace();
        if (!this.atEnd() && this.char() === ";") {
          this.pos++;
          break;
        }
        result = result.concat(this.address());
      }
    } else if (this.char() === "<") {
      const route = this.routeAddr();
      const name = this.comments.length ? `${phrase.join(" ")} (${this.comments.join(" ")})` : phrase.join(" ");
      result = [[name, route]];
    } else if (phrase.length) {
      result = [[this.comments.join(" "), phrase[0]!]];
    } else if (SPECIALS.includes(this.char())) {
      this.pos++;
    }
    this.skipSpace();
    if (!this.atEnd() && this.char() === ",") this.pos++;
    return result;
  }

  private routeAddr(): string {
    let expectRoute = false;
    this.pos++;
    this.skipSpace();
    let spec = "";
    while (!this.atEnd()) {
      if (expectRoute) {
        this.domain();
        expectRoute = false;
      } else if (this.char() === ">") {
        this.pos++;
        break;
      } else if (this.char() === "@") {
        this.pos++;
        expectRoute = true;
      } else if (this.char() === ":") {
        this.pos++;
      } else {
        spec = this.addrSpec();
        this.pos++;
        break;
      }
      this.skipSpace();
    }
    return spec;
  }

  private addrSpec(): string {
    const local: string[] = [];
    this.skipSpace();
    while (!this.atEnd()) {
      let keepBlanks = true;
      const c = this.char();
      if (c === ".") {
        if (local.length && !local[local.length - 1]!.trim()) local.pop();
        local.push(".");
        this.pos++;
        keepBlanks = false;
      } else if (c === '"') {
        local.push(`"${this.quoted().replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`);
      } else if (ATOM_ENDS.includes(c)) {
        if (local.length && !local[local.length - 1]!.trim()) local.pop();
        break;
      } else {
        local.push(this.atom(ATOM_ENDS));
      }
      const blanks = this.skipSpace();
      if (keepBlanks && blanks) local.push(blanks);
    }
    if (this.atEnd() || this.char() !== "@") return local.join("");
    this.pos++;
    this.skipSpace();
    const domain = this.domain();
    // An unreadable domain (e.g. a second "@") makes the whole address unreadable.
    return domain ? `${local.join("")}@${domain}` : "";
  }

  private domain(): string {
    const parts: string[] = [];
    while (!this.atEnd()) {
      const c = this.char();
      if (BLANKS.includes(c)) this.pos++;
      else if (c === "(") this.comments.push(this.comment());
      else if (c === "[") parts.push(`[${this.delimited("[", "]\r", false)}]`);
      else if (c === ".") {
        this.pos++;
        parts.push(".");
      } else if (c === "@") return "";
      else if (ATOM_ENDS.includes(c)) break;
      else parts.push(this.atom(ATOM_ENDS));
    }
    return parts.join("");
  }

  private delimited(open: string, ends: string, allowComments: boolean): string {
    if (this.char() !== open) return "";
    let out = "";
    let escaped = false;
    this.pos++;
    while (!this.atEnd()) {
      const c = this.char();
      if (escaped) {
        out += c;
        escaped = false;
      } else if (ends.includes(c)) {
        this.pos++;
        break;
      } else if (allowComments && c === "(") {
        out += this.comment();
        continue;
      } else if (c === "\\") escaped = true;
      else out += c;
      this.pos++;
    }
    return out;
  }

  private quoted(): string {
    return this.delimited('"', '"\r', false);
  }

  private comment(): string {
    return this.delimited("(", ")\r", true);
  }

  private atom(ends: string): string {
    const start = this.pos;
    while (!this.atEnd() && !ends.includes(this.char())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  private phrase(): string[] {
    const words: string[] = [];
    while (!this.atEnd()) {
      const c = this.char();
      if (BLANKS.includes(c) || LINE_BREAKS.includes(c)) this.pos++;
      else if (c === '"') words.push(this.quoted());
      else if (c === "(") this.comments.push(this.comment());
      else if (PHRASE_ENDS.includes(c)) break;
      else words.push(this.atom(PHRASE_ENDS));
    }
    return words;
  }
}
