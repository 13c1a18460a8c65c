// Stored hostile text is rendered inertly: a chatbot whose title, step messages and answers
// are markup and script, and a visitor who types markup, show up in the widget and the admin
// screens as the same plain text. No script runs, no element is injected, no dialog opens.
import { expect, test, type Page } from "@playwright/test";
import { adminClient, baseUrl, foreignSite, sitePage, widget } from "./support/widget.ts";
import { login } from "./support/admin.ts";

const PATH = `/hostile-${Date.now().toString(36)}`;
const MARK = "__pwned";
const HOSTILE = {
  title: `<img src=x onerror="window.${MARK}=1">Bot`,
  message: `<script>window.${MARK}=2</script><b>bold?</b>`,
  answer: `"><svg onload="window.${MARK}=3">`,
  typed: `<iframe src="javascript:window.parent.${MARK}=4"></iframe>&amp;`,
  question: `{{ 7*7 }} <a href="javascript:window.${MARK}=5">link</a>`,
};

const made: { script?: number; rule?: number } = {};

test.beforeAll(async () => {
  const admin = await adminClient();
  made.script = await admin.create("chatbot.script", {
    title: HOSTILE.title,
    script_step_ids: [
      [0, 0, { step_type: "text", message: HOSTILE.message, sequence: 1 }],
      [0, 0, { step_type: "question_selection", message: HOSTILE.question, sequence: 2, answer_ids: [[0, 0, { name: HOSTILE.answer, sequence: 1 }]] }],
      [0, 0, { step_type: "free_input_single", message: "Anything else?", sequence: 3 }],
      [0, 0, { step_type: "text", message: "Bye", sequence: 4 }],
    ],
  });
  made.rule = await admin.create("im_livechat.channel.rule", { channel_id: 1, regex_url: PATH, action: "auto_popup", auto_popup_timer: 0, chatbot_script_id: made.script, sequence: 1 });
});

test.afterAll(async () => {
  const admin = await adminClient();
  if (made.rule) await admin.unlink("im_livechat.channel.rule", [made.rule]);
  if (made.script) await admin.unlink("chatbot.script", [made.script]);
});

/** Fails the test on any sign that stored text was executed or parsed as markup. */
function watchForExecution(page: Page): { problems: string[] } {
  const watch = { problems: [] as string[] };
  page.on("dialog", (dialog) => {
    watch.problems.push(`a dialog opened: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on("pageerror", (error) => watch.problems.push(`page error: ${error.message}`));
  return watch;
}

async function expectInert(page: Page, watch: { problems: string[] }): Promise<void> {
  expect(await page.evaluate((mark) => (window as unknown as Record<string, unknown>)[mark], MARK)).toBeUndefined();
  // Injected elements would be found in the document or inside the widget's shadow root.
  const injected = await page.evaluate(() => {
    const roots: (Document | ShadowRoot)[] = [document];
    for (const element of document.querySelectorAll("*")) if (element.shadowRoot) roots.push(element.shadowRoot);
    return roots.flatMap((root) => [...root.querySelectorAll('img[src="x"], svg[onload], iframe[src^="javascript"], a[href^="javascript"], script:not([src])')].map((e) => e.outerHTML.slice(0, 80)));
  });
  const inlineScripts = injected.filter((html) => !html.startsWith("<script"));
  expect(inlineScripts).toEqual([]);
  expect(watch.problems).toEqual([]);
}

test("the widget shows hostile bot text, answers and typed text as plain text", async ({ page }) => {
  const watch = watchForExecution(page);
  const site = await foreignSite({ [PATH]: { html: sitePage(baseUrl()) } });
  try {
    await page.goto(`${site.url}${PATH}`);
    await talkToHostileBot(page);
    await expectInert(page, watch);
  } finally {
    await site.close();
  }
});

async function talkToHostileBot(page: Page): Promise<void> {
  const w = widget(page);
  await expect(w.botLines.first()).toHaveText(HOSTILE.message);
  await expect(w.botLines.nth(1)).toHaveText(HOSTILE.question);
  await expect(w.answers.filter({ hasText: HOSTILE.answer })).toHaveCount(1);
  await w.answers.filter({ hasText: HOSTILE.answer }).click();
  await expect(w.visitorLines.first()).toHaveText(HOSTILE.answer);
  await expect(w.input).toBeEnabled();
  await w.input.fill(HOSTILE.typed);
  await w.input.press("Enter");
  await expect(w.visitorLines.nth(1)).toHaveText(HOSTILE.typed);
  await expect(w.botLines.last()).toHaveText("Bye");
}

test("the admin chatbot list and form show the hostile title, steps and answers as plain text", async ({ page }) => {
  const watch = watchForExecution(page);
  await login(page, "admin");
  await expect(page.getByRole("link", { name: HOSTILE.title })).toBeVisible();
  await page.goto(`${baseUrl()}/web/chatbots/${made.script}`);
  await expect(page.getByText(HOSTILE.message, { exact: true }).first()).toBeVisible();
  await expect(page.getByText(HOSTILE.question, { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel("Chatbot Name")).toHaveValue(HOSTILE.title);
  await expectInert(page, watch);
});
