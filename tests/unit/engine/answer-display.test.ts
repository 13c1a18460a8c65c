import { answerDisplayName, shortenText } from "../../../src/engine/index.ts";

// Expected values computed with Python's textwrap.shorten(width=26, placeholder=" [...]").
QUnit.module("engine: answer display name", () => {
  QUnit.test("'<shortened step message>: <answer>'", (assert) => {
    assert.strictEqual(answerDisplayName("What are you looking for?", "I have a pricing question"), "What are you looking for?: I have a pricing question");
    assert.strictEqual(
      answerDisplayName("Hmmm, let me check if I can find someone that could help you with that...", "x"),
      "Hmmm, let me check [...]: x",
    );
    assert.strictEqual(
      answerDisplayName("To start with, do you have a customer reference?\nThey are written", "Yes"),
      "To start with, do [...]: Yes",
      "newlines become spaces",
    );
    assert.strictEqual(answerDisplayName(false, "Yes"), "Yes", "no step message: plain name");
    assert.strictEqual(answerDisplayName("", "Yes"), "Yes");
  });
  QUnit.test("textwrap.shorten details", (assert) => {
    assert.strictEqual(shortenText("abcdefghijklmnopqrstuvwxyz0123 x", 26, " [...]"), "[...]", "a too long first word");
    assert.strictEqual(shortenText("well-known state-of-the-art solutions for you", 26, " [...]"), "well-known state-of- [...]", "hyphens");
    assert.strictEqual(shortenText("Welcome to CompanyName! 👋 hello there friends", 26, " [...]"), "Welcome to [...]", "emoji counts as one");
    assert.strictEqual(shortenText("  spaced    out   ", 26, " [...]"), "spaced out", "whitespace collapsed");
    assert.strictEqual(shortenText("exactly twenty-six chars!!", 26, " [...]"), "exactly twenty-six chars!!");
  });
});
