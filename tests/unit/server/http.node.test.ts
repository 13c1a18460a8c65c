// Small pieces of the HTTP layer: cookies and static file lookup (no way out of the folder).
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCookies, serializeCookie } from "../../../src/server/http/cookies.ts";
import { findFile } from "../../../src/server/http/static-files.ts";

QUnit.module("server: HTTP helpers", () => {
  QUnit.test("cookies: parsed from the header; the first of a name wins; Set-Cookie is HttpOnly by default", (assert) => {
    assert.deepEqual(parseCookies("a=1; session_id=abc%3D; a=2"), { a: "1", session_id: "abc=" });
    assert.deepEqual(parseCookies(undefined), {});
    assert.deepEqual(parseCookies("broken; x=%E0%A4%A"), { x: "%E0%A4%A" }, "an undecodable value is kept as is");
    assert.strictEqual(serializeCookie("session_id", "s", { maxAge: 60 }), "session_id=s; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
  });

  QUnit.test("static files: exact file, .html, index.html; nothing outside the folder", (assert) => {
    const root = mkdtempSync(join(tmpdir(), "cb-static-"));
    const outside = mkdtempSync(join(tmpdir(), "cb-outside-"));
    try {
      mkdirSync(join(root, "docs"));
      writeFileSync(join(root, "index.html"), "home");
      writeFileSync(join(root, "contactus.html"), "contact");
      writeFileSync(join(root, "docs", "index.html"), "docs");
      writeFileSync(join(outside, "secret.txt"), "secret");
      assert.strictEqual(findFile(root, "index.html"), join(root, "index.html"));
      assert.strictEqual(findFile(root, "contactus"), join(root, "contactus.html"));
      assert.strictEqual(findFile(root, "docs"), join(root, "docs", "index.html"));
      assert.strictEqual(findFile(root, "nope"), null);
      assert.strictEqual(findFile(root, `../${outside.split("/").pop()}/secret.txt`), null, "../ refused");
      assert.strictEqual(findFile(root, `%2e%2e/${outside.split("/").pop()}/secret.txt`), null, "encoded ../ refused");
      assert.strictEqual(findFile(root, "index.html%00.png"), null, "NUL refused");
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
