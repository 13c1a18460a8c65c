// Step types the Welcome Bot does not have, on a script made for the test (over JSON-RPC as
// admin) and served by a channel rule for one page of another site: an answer whose link is
// an anchor of the same page (the script goes on at once, as Odoo), a multi-line free input
// (each line held, finished after a silence), and a phone question.
import { expect, test } from "@playwright/test";
import { BRIDGE_ROUTES } from "../../src/protocol/bridge.ts";
import { adminClient, baseUrl, foreignSite, history, sitePage, storedToken, widget } from "./support/widget.ts";

const PATH = `/steps-${Date.now().toString(36)}`;

/** Made for the test and removed after it (the server is shared with other tests). */
const made: { script?: number; rule?: number } = {};

test.afterAll(async () => {
  const admin = await adminClient();
  if (made.rule) await admin.unlink("im_livechat.channel.rule", [made.rule]);
  if (made.script) await admin.unlink("chatbot.script", [made.script]);
});

async function makeScript(): Promise<void> {
  const admin = await adminClient();
  const script = await admin.create("chatbot.script", { title: "Steps Bot" });
  made.script = script;
  const step = (sequence: number, values: Record<string, unknown>) => admin.create("chatbot.script.step", { chatbot_script_id: script, sequence, ...values });
  await step(1, { step_type: "text", message: "Hello from the Steps Bot" });
  await step(2, {
    step_type: "question_selection",
    message: "Where to?",
    answer_ids: [[0, 0, { name: "Right here", redirect_link: "#chatbot-redirect", sequence: 1 }]],
  });
  await step(3, { step_type: "free_input_multi", message: "Tell us more, in as many lines as you like" });
  await step(4, { step_type: "question_phone", message: "Your phone number?" });
  await step(5, { step_type: "text", message: "Thanks, we will call you" });
  made.rule = await admin.create("im_livechat.channel.rule", { channel_id: 1, regex_url: PATH, action: "auto_popup", auto_popup_timer: 0, chatbot_script_id: script, sequence: 1 });
}

test("anchor redirect, multi-line free input finished after a silence, phone question", async ({ page }) => {
  await makeScript();
  const site = await foreignSite({ [PATH]: { html: sitePage(baseUrl(), { attributes: 'data-multiline-delay="1500"' }) } });
  try {
    const replies: { text?: string; hold?: boolean; answer_id?: number }[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith(BRIDGE_ROUTES.reply)) replies.push((r.postDataJSON() as { params: { text?: string; hold?: boolean; answer_id?: number } }).params);
    });
    /** Replies that finish a multi-line answer: neither text nor answer. */
    const finishes = () => replies.filter((r) => r.text === undefined && r.answer_id === undefined);
    await page.goto(`${site.url}${PATH}`);
    const w = widget(page);
    await expect(w.botLines).toHaveText(["Hello from the Steps Bot", "Where to?"]);
    // The link is an anchor of this page: no navigation, the script goes on here.
    await w.answers.filter({ hasText: "Right here" }).click();
    await expect(page).toHaveURL(`${site.url}${PATH}#chatbot-redirect`);
    await expect(w.botLines.last()).toHaveText("Tell us more, in as many lines as you like");
    await expect(w.input).toBeEnabled();
    await w.input.fill("first line");
    await w.input.press("Enter");
    await w.input.fill("second line");
    await w.input.press("Enter");
    await expect(w.visitorLines).toHaveText(["Right here", "first line", "second line"]);
    // Typing postpones the finish: 3 s of typing, longer than the 1.5 s silence, finish nothing.
    for (let i = 0; i < 6; i++) {
      await w.input.pressSequentially("ab");
      await page.waitForTimeout(500);
    }
    expect(finishes(), "no finishing reply while typing").toHaveLength(0);
    await expect(w.botLines.last()).toHaveText("Tell us more, in as many lines as you like");
    // After the silence, the answer is finished and the bot goes on.
    await expect(w.botLines.last()).toHaveText("Your phone number?", { timeout: 5000 });
    expect(replies.slice(1, 3).map((r) => [r.text, r.hold])).toEqual([
      ["first line", true],
      ["second line", true],
    ]);
    expect(replies[3]!.text).toBeUndefined();
    expect(replies[3]!.hold).toBeUndefined();
    await expect(w.input).toHaveAttribute("inputmode", "tel");
    await w.input.fill("+32 470 12 34 56");
    await w.input.press("Enter");
    await expect(w.botLines.last()).toHaveText("Thanks, we will call you");
    await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
    const server = await history(baseUrl(), await storedToken(page));
    expect(server.messages.filter((m) => m.author === "visitor").map((m) => m.body)).toEqual(["Right here", "first line", "second line", "+32 470 12 34 56"]);
  } finally {
    await site.close();
  }
});
