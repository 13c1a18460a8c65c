// Hostile input on the bridge routes: forged and foreign tokens (fast-check), wrong types for
// every parameter, and HTML/script/unicode in titles, step messages, answers and visitor
// messages, which are stored and returned as the same plain text. No answer ever carries
// another conversation's data.
import fc from "fast-check";
import { BRIDGE_ERRORS, BRIDGE_ROUTES, type BridgeView } from "../../src/protocol/bridge.ts";
import { ODOO_ERRORS } from "../../src/protocol/odoo.ts";
import type { OdooClient } from "../../src/rpc/odoo-client.ts";
import { bridgeWithSession, createScript, loginAdmin, msgId, visitor } from "./support/bridge.ts";
import { aliveProblem, answerProblem, callBody, rawCall } from "./support/hostile.ts";

/** Text that would do something if it were ever treated as markup, SQL or a format string. */
export const HOSTILE_TEXTS = [
  `<script>window.__pwned = 1</script>`,
  `<img src=x onerror="window.__pwned=1">`,
  `"><svg onload=window.__pwned=1>`,
  `<a href="javascript:window.__pwned=1">click</a>`,
  `&lt;b&gt;not bold&lt;/b&gt; &amp; &#60;i&#62;`,
  `{{ 7*7 }} \${7*7} %s %(name)s {0}`,
  `'; DROP TABLE mail_message; --`,
  `Zalgo: Z̷̢̛a̵̡l̶g̷o̴ — RTL: \u202Egnirts desrever\u202C — ZWJ: 👩‍👩‍👧‍👦 — emoji: 🤖💬`,
  `combining é vs é, full-width ＡＢＣ, Cyrillic а vs a`,
  `line one\nline two\ttabbed`,
];

/** Calls again while the visitor's rate limit says to wait (the suites call a lot from one place). */
async function patiently<T>(call: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (attempt > 30 || (error as { status?: number }).status !== 429) throw error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

const SECRET = `secret-${Date.now().toString(36)}-do-not-leak`;

QUnit.module("hostile input: bridge", (hooks) => {
  let admin: OdooClient;
  let secretToken = "";
  hooks.before(async () => {
    admin = await loginAdmin();
    // A conversation whose text must never show up in anybody else's answer.
    const script = await createScript(admin, [{ type: "free_input_single", message: "Tell me a secret" }, { type: "free_input_single", message: "More?" }]);
    const view = await bridgeWithSession(admin).openTest({ script_id: script.id });
    secretToken = view.token;
    await visitor().reply({ token: secretToken, client_msg_id: msgId(), text: SECRET });
  });

  QUnit.test("forged tokens (fast-check and known shapes): MissingError that says nothing, no other conversation's data", async (assert) => {
    assert.timeout(180_000);
    const near = [secretToken.toUpperCase(), secretToken.slice(0, -1), secretToken + "x", ` ${secretToken}`, `${secretToken}\u0000`, secretToken.slice(0, 8) + "%", `${secretToken.slice(0, 4)}' OR '1'='1`, "*", "%", "", " "];
    const forged = fc.oneof(fc.string({ maxLength: 80 }), fc.stringMatching(/^[0-9a-f]{32,64}$/), fc.constantFrom(...near), fc.jsonValue({ maxDepth: 2 }));
    const routes = [BRIDGE_ROUTES.reply, BRIDGE_ROUTES.history, BRIDGE_ROUTES.poll, BRIDGE_ROUTES.restart, BRIDGE_ROUTES.close];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), forged, async (route, token) => {
        if (token === secretToken) return true;
        const answer = await rawCall(route, callBody({ token, client_msg_id: "forged", text: "hello", after_id: 0, timeout: 0 }));
        const problem = answerProblem(route, answer);
        const name = answer.json?.error?.data?.name;
        const leaked = answer.text.includes(SECRET) || answer.text.includes(secretToken);
        const ok = problem === null && !leaked && (name === ODOO_ERRORS.missing || name === ODOO_ERRORS.validation || answer.status === 429);
        if (!ok) assert.ok(false, `${route} token ${JSON.stringify(token)}: ${problem ?? (leaked ? "leaked the other conversation" : `${name}: ${answer.text.slice(0, 160)}`)}`);
        if (name === ODOO_ERRORS.missing) assert.strictEqual(answer.json?.error?.data?.message, BRIDGE_ERRORS.noConversation);
        return ok;
      }),
      { numRuns: 200, seed: Number(process.env.FUZZ_SEED ?? 17) },
    );
    const still = await patiently(() => visitor().history(secretToken));
    assert.ok(still.messages.some((m) => m.body === SECRET) && !still.closed, "the real conversation is untouched");
  });

  QUnit.test("wrong types for every parameter: a named error, nothing stored", async (assert) => {
    assert.timeout(120_000);
    const before = (await patiently(() => visitor().history(secretToken))).messages.length;
    const wrong: unknown[] = [null, true, 0, -1, 1.5, "", "x".repeat(5000), [], [1], {}, { $gt: "" }, { __proto__: { admin: true } }];
    const params: Record<string, string[]> = {
      [BRIDGE_ROUTES.init]: ["channel_id", "url", "lang", "country_code"],
      [BRIDGE_ROUTES.open]: ["channel_id", "url", "script_id", "visitor_name", "lang", "client_open_id"],
      [BRIDGE_ROUTES.reply]: ["client_msg_id", "answer_id", "text", "hold"],
      [BRIDGE_ROUTES.poll]: ["after_id", "timeout"],
      [BRIDGE_ROUTES.restart]: ["client_msg_id"],
    };
    for (const [route, names] of Object.entries(params)) {
      for (const name of names) {
        for (const value of wrong) {
          const base: Record<string, unknown> = route === BRIDGE_ROUTES.init || route === BRIDGE_ROUTES.open ? { channel_id: 1, url: "http://example.com/x" } : { token: secretToken, client_msg_id: msgId(), text: "typed", after_id: 0, timeout: 0 };
          if (route === BRIDGE_ROUTES.restart) continue; // a valid restart would change the conversation
          const answer = await rawCall(route, callBody({ ...base, [name]: value }));
          assert.strictEqual(answerProblem(route, answer), null, `${route} ${name}=${JSON.stringify(value)?.slice(0, 40)}`);
        }
      }
    }
    const after = await patiently(() => visitor().history(secretToken));
    const visitorLines = after.messages.filter((m) => m.author === "visitor").map((m) => m.body);
    assert.ok(visitorLines.every((b) => b === SECRET || b === "typed"), "only well-formed replies were stored");
    assert.ok(after.messages.length >= before, "nothing was removed");
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });

  QUnit.test("HTML, script and unicode in titles, messages, answers and replies come back as the same plain text", async (assert) => {
    assert.timeout(120_000);
    for (const text of HOSTILE_TEXTS) {
      const script = await createScript(
        admin,
        [
          { type: "question_selection", message: text, answers: [text, "plain"] },
          { type: "free_input_single", message: `again: ${text}` },
          { type: "text", message: "done" },
        ],
        `${text} ${msgId()}`,
      );
      const [stored] = await admin.read<{ title: string }>("chatbot.script", [script.id], ["title"]);
      assert.ok(stored?.title.startsWith(text), `title stored as given: ${JSON.stringify(text)}`);
      const opened: BridgeView = await bridgeWithSession(admin).openTest({ script_id: script.id });
      assert.strictEqual(opened.step?.message, text, `step message as given: ${JSON.stringify(text)}`);
      assert.strictEqual(opened.step?.answers[0]?.name, text, "answer name as given");
      assert.ok(opened.messages.some((m) => m.body === text), "the bot message body is the same text");
      const answered = await visitor().reply({ token: opened.token, client_msg_id: msgId(), answer_id: opened.step!.answers[0]!.id });
      assert.strictEqual(answered.messages[0]?.body, text, "the chosen answer is posted as the same text");
      const typed = await visitor().reply({ token: opened.token, client_msg_id: msgId(), text });
      const history = await visitor().history(opened.token);
      const expectedTyped = text.split("\n").map((line) => line.trim()).join("\n");
      assert.ok(
        typed.messages.some((m) => m.author === "visitor" && (m.body === text || m.body === expectedTyped)) && history.messages.some((m) => m.author === "visitor" && (m.body === text || m.body === expectedTyped)),
        `a visitor message is stored and returned as the same text: ${JSON.stringify(text)}`,
      );
      assert.ok(!history.messages.some((m) => m.body.includes(SECRET)), "no other conversation's messages");
    }
  });

  QUnit.test("unicode edge cases in visitor text: the same text back, or a named error", async (assert) => {
    assert.timeout(120_000);
    const script = await createScript(admin, Array.from({ length: 40 }, (_, i) => ({ type: "free_input_single" as const, message: `Say ${i}` })));
    const { token } = await bridgeWithSession(admin).openTest({ script_id: script.id });
    const cases = ["\ud800", "a\udfffb", "\u0000nul", "\u200b\u200b", "\ufeffBOM", "\u{10FFFF}", "\u{1F600}".repeat(1000), "é".repeat(4000), "x".repeat(4001), " \t\n "];
    for (const text of cases) {
      const answer = await rawCall(BRIDGE_ROUTES.reply, callBody({ token, client_msg_id: msgId(), text }));
      assert.strictEqual(answerProblem(BRIDGE_ROUTES.reply, answer), null, `reply ${JSON.stringify(text.slice(0, 12))}…: structured`);
      const result = answer.json?.result as BridgeView | undefined;
      if (result) {
        assert.notOk(text.includes("\u0000"), "a text with NUL is refused, not stored");
        const body = result.messages.find((m) => m.author === "visitor")?.body;
        const wellFormed = (text as string & { toWellFormed(): string }).toWellFormed(); // a lone surrogate is stored as U+FFFD
        assert.ok(body === text.trim() || body === wellFormed.trim(), `reply ${JSON.stringify(text.slice(0, 12))}…: the same text back (${JSON.stringify(body?.slice(0, 12))})`);
      } else if (text.includes("\u0000")) {
        // PostgreSQL cannot keep NUL: both servers refuse it on every database.
        assert.strictEqual(answer.json?.error?.data?.message, BRIDGE_ERRORS.nulCharacter, "NUL is refused with its own text");
        assert.strictEqual(answer.json?.error?.data?.name, ODOO_ERRORS.validation, "as a ValidationError");
      } else {
        assert.strictEqual(answer.json?.error?.data?.name, ODOO_ERRORS.validation, `reply ${JSON.stringify(text.slice(0, 12))}…: a ValidationError (${answer.json?.error?.data?.message})`);
      }
    }
    assert.strictEqual(await aliveProblem(), null, "the server still answers");
  });
});
