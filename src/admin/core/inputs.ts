// Helpers for text inputs bound with t-model.

/**
 * Empties a composer after sending. The state alone is not enough: when the typed text was not
 * rendered yet, OWL sees "" before and after and leaves the DOM value, so the input is cleared too.
 */
export function clearInput(input: HTMLInputElement | null, state: { text: string }): void {
  state.text = "";
  if (input) input.value = "";
}
