// Lead and ticket descriptions are HTML written by the engine (as Odoo writes them); the Inbox
// shows them as the text they were made from.
import { htmlToText } from "../../../src/admin/inbox/inbox_service.ts";
import { escapeHtml } from "../../../src/engine/customer.ts";

QUnit.module("admin: Inbox texts", () => {
  QUnit.test("descriptions read back as their text, quotes and ampersands included", (assert) => {
    for (const text of [`Say "hi" & won't <b>`, "Line 1", `'quoted' "double" &amp; literal`]) assert.strictEqual(htmlToText(`<p>${escapeHtml(text)}</p>`), text, text);
    assert.strictEqual(htmlToText("a<br>b<br/>c"), "a\nb\nc");
    assert.strictEqual(htmlToText("&quot;x&quot; &#x27;y&#x27;"), `"x" 'y'`, "the named forms too");
  });
});
