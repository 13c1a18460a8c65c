// The widget for everyone: keyboard only from start to end, axe-core finds no serious
// problem open or closed, new messages are announced, and the chat fills a phone screen.
// UPDATE_SCREENSHOTS=1 also saves the README screenshots to docs/screenshots/.
import { expect, test, type Page } from "@playwright/test";
import { ROOT, baseUrl, fastWidget, seriousViolations, widget } from "./support/widget.ts";

async function screenshot(page: Page, name: string) {
  const path = process.env.UPDATE_SCREENSHOTS ? `${ROOT}docs/screenshots/${name}.png` : test.info().outputPath(`${name}.png`);
  await page.screenshot({ path });
}

/** Presses Tab until `predicate` holds for the focused element (inside the widget's shadow root too). */
async function tabUntil(page: Page, selector: string, text?: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const ok = await page.evaluate(
      ([sel, txt]) => {
        let el: Element | null = document.activeElement;
        while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
        return !!el && el.matches(sel!) && (!txt || el.textContent?.trim() === txt);
      },
      [selector, text] as const,
    );
    if (ok) return;
  }
  throw new Error(`Tab never reached ${selector} ${text ?? ""}`);
}

async function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el ? `${el.tagName.toLowerCase()}.${el.className}:${el.textContent?.trim() ?? ""}` : "";
  });
}

/** The focused element's outline (inside the widget's shadow root too). */
async function focusRing(page: Page): Promise<{ style: string; width: number; rgb: number[] }> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    const style = getComputedStyle(el!);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth), rgb: (style.outlineColor.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number) };
  });
}

/** WCAG contrast ratio of two sRGB colours. */
function contrast(a: number[], b: number[]): number {
  const luminance = (rgb: number[]) => {
    const [r, g, bl] = rgb.map((c) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

test.describe("widget: accessibility", () => {
  test("keyboard only, from the page into the chat and through a whole conversation", async ({ page }) => {
    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await expect(w.answers).toHaveCount(3, { timeout: 8000 });
    // The rule opened the chat without taking focus from the page.
    expect(await focused(page)).not.toContain("answer");
    await tabUntil(page, "button.answer", "I have a pricing question");
    await page.keyboard.press("Enter");
    // Focus moves to the composer once the email question is asked.
    await expect.poll(() => focused(page)).toMatch(/^textarea\.input/);
    await page.keyboard.type("keyboard@example.com");
    await page.keyboard.press("Enter");
    await expect(w.input).toHaveAttribute("placeholder", "Conversation ended...");
    await expect.poll(() => focused(page)).toMatch(/^button\.restart/);
    await page.keyboard.press("Enter");
    await expect.poll(() => focused(page)).toMatch(/^button\.answer.*I have a pricing question/);
    // Escape folds the chat and gives focus to the bubble; Enter opens it again, focus inside.
    await page.keyboard.press("Escape");
    await expect(w.window).toBeHidden();
    await expect.poll(() => focused(page)).toMatch(/^button\.bubble/);
    await page.keyboard.press("Enter");
    await expect(w.window).toBeVisible();
    await expect.poll(() => focused(page)).toMatch(/^button\.answer/);
  });

  test("focus rings have at least 3:1 contrast against white", async ({ page }) => {
    await fastWidget(page);
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await expect(w.answers).toHaveCount(3, { timeout: 8000 });
    const white = [255, 255, 255];
    await tabUntil(page, "button.answer");
    const answer = await focusRing(page);
    expect(answer.style).not.toBe("none");
    expect(answer.width).toBeGreaterThanOrEqual(2);
    expect(contrast(answer.rgb, white), `answer ring ${answer.rgb}`).toBeGreaterThanOrEqual(3);
    // Escape folds the chat and puts focus on the bubble.
    await page.keyboard.press("Escape");
    await expect.poll(() => focused(page)).toMatch(/^button\.bubble/);
    const bubble = await focusRing(page);
    expect(bubble.style).not.toBe("none");
    expect(contrast(bubble.rgb, white), `bubble ring ${bubble.rgb}`).toBeGreaterThanOrEqual(3);
  });

  test("axe-core finds no serious problem, open or closed; messages are announced", async ({ page }) => {
    await fastWidget(page);
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await expect(w.answers).toHaveCount(3, { timeout: 8000 });
    await expect(page.locator('.chatbot-bridge-root [role="log"][aria-live="polite"]')).toHaveCount(1);
    await expect(w.fold).toHaveAttribute("aria-label", "Minimize chat");
    await expect(w.send).toHaveAttribute("aria-label", "Send");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "widget-open");
    await w.answers.filter({ hasText: "I have a pricing question" }).click();
    await expect(w.input).toBeEnabled();
    expect(await seriousViolations(page)).toEqual([]);
    await w.fold.click();
    await expect(w.bubble).toBeVisible();
    await expect(w.bubble).toHaveAttribute("aria-label", "Chat with us");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "widget-closed");
  });

  test("full screen below 600 px", async ({ page }) => {
    await fastWidget(page);
    await page.setViewportSize({ width: 390, height: 740 });
    await page.goto(`${baseUrl()}/contactus`);
    const w = widget(page);
    await expect(w.answers).toHaveCount(3, { timeout: 8000 });
    const box = (await w.window.boundingBox())!;
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 740 });
    await screenshot(page, "widget-mobile");
    await page.setViewportSize({ width: 800, height: 740 });
    await expect.poll(async () => (await w.window.boundingBox())!.width).toBe(360);
  });
});
