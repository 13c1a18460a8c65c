import { matchRoute, Router } from "../../../src/admin/core/router.ts";
import { reorderedSteps } from "../../../src/admin/chatbots/chatbot_form_model.ts";
import { embedSnippet } from "../../../src/admin/channels/channel_form.ts";
import { imageMime } from "../../../src/admin/chatbots/image_field.ts";
import { parsePo } from "../../../src/admin/i18n/po.ts";
import { formatDateTime } from "../../../src/admin/core/dates.ts";
import { sampleScript, testEnv } from "./support.ts";

QUnit.module("admin: routes, order, snippets", () => {
  QUnit.test("client routes under /web are matched to screens", (assert) => {
    assert.deepEqual(matchRoute("/chatbots"), { name: "chatbots", path: "/chatbots", params: {} });
    assert.deepEqual(matchRoute("/chatbots/12"), { name: "chatbot", path: "/chatbots/12", params: { id: "12" } });
    assert.deepEqual(matchRoute("/chatbots/new/"), { name: "chatbot", path: "/chatbots/new", params: { id: "new" } });
    assert.deepEqual(matchRoute("/chatbots/12/test"), { name: "chatbot_test", path: "/chatbots/12/test", params: { id: "12" } });
    assert.strictEqual(matchRoute("/channels/3").name, "channel");
    assert.strictEqual(matchRoute("/inbox").name, "inbox");
    assert.strictEqual(matchRoute("").name, "chatbots", "the app opens on the Chatbots list");
    assert.strictEqual(matchRoute("/chatbots/abc").name, "not_found");
  });

  QUnit.test("leaving a screen with unsaved changes asks first; a refusal keeps the route", async (assert) => {
    const router = new Router("memory");
    let dirty = true;
    let answer = false;
    let asked = 0;
    router.addGuard({ isDirty: () => dirty, confirm: async () => (asked++, answer) });
    assert.false(await router.navigate("/channels"));
    assert.strictEqual(router.current.route.name, "chatbots");
    answer = true;
    assert.true(await router.navigate("/channels"));
    assert.strictEqual(router.current.route.name, "channels");
    dirty = false;
    assert.true(await router.navigate("/inbox"));
    assert.strictEqual(asked, 2, "a clean screen is left without a question");
  });

  QUnit.test("dialogs belong to their route: a new route (link, Back/Forward) closes them", async (assert) => {
    const env = testEnv();
    class Anything {}
    let closed = 0;
    void env.dialogs.open(Anything as never, {}).then(() => closed++);
    void env.dialogs.open(Anything as never, {}).then(() => closed++);
    assert.strictEqual(env.dialogs.stack.length, 2);
    assert.true(await env.router.navigate("/chatbots"), "the same route: nothing changes");
    assert.strictEqual(env.dialogs.stack.length, 2);
    assert.true(await env.router.navigate("/channels"));
    assert.strictEqual(env.dialogs.stack.length, 0, "closed with the page they were opened on");
    await Promise.resolve();
    assert.strictEqual(closed, 2, "whoever opened them learns they closed");
  });

  QUnit.test("moving a step gives contiguous sequences, as Odoo's drag and drop", (assert) => {
    const steps = sampleScript().script_step_ids;
    const moved = reorderedSteps(steps, 3, 0)!;
    assert.deepEqual(moved.map((s) => s.id), [3, 1, 2, 4, 5, 6, 7]);
    assert.deepEqual(moved.map((s) => s.sequence), [0, 1, 2, 3, 4, 5, 6]);
    assert.deepEqual(reorderedSteps(steps, 1, 99)!.map((s) => s.id), [2, 3, 4, 5, 6, 7, 1], "past the end lands last");
    assert.strictEqual(reorderedSteps(steps, 2, 1), null, "no move, no save");
    assert.strictEqual(steps[0]!.id, 1, "the input is left as it was");
  });

  QUnit.test("embed snippet, image types, catalogs and dates", (assert) => {
    assert.strictEqual(
      embedSnippet("https://erp.example.com/", 7),
      '<script src="https://erp.example.com/livechat_chatbot_bridge/static/dist/loader.js" data-channel-id="7" async></script>',
    );
    assert.strictEqual(imageMime("iVBORw0KGgo"), "image/png");
    assert.strictEqual(imageMime("/9j/4AAQ"), "image/jpeg");
    assert.strictEqual(imageMime("PHN2ZyB4bWxucz0"), "image/svg+xml");
    const po = parsePo('msgid ""\nmsgstr "Content-Type: text/plain"\n\n#: x\nmsgid "Save & Close"\nmsgstr "Salvează și închide"\n\nmsgid "Line \\"quoted\\""\nmsgstr ""\n"Rând "\n"\\"citat\\""\n\nmsgid "Untranslated"\nmsgstr ""\n');
    assert.strictEqual(po.get("Save & Close"), "Salvează și închide");
    assert.strictEqual(po.get('Line "quoted"'), 'Rând "citat"');
    assert.false(po.has("Untranslated"), "empty translations fall back to English");
    assert.false(po.has(""), "the header is not a text");
    const plain = (s: string) => s.replace(/\s/g, " "); // ICU versions differ in the space before AM
    assert.strictEqual(plain(formatDateTime("2026-03-29 00:30:00", "Europe/Brussels", "en_US")), "3/29/2026, 1:30 AM", "server UTC shown in the user's zone");
    assert.strictEqual(plain(formatDateTime("2026-03-29T01:30:00Z", "Europe/Brussels", "en_US")), "3/29/2026, 3:30 AM", "after the DST switch");
    assert.strictEqual(formatDateTime(false, "UTC", "en_US"), "");
  });
});
