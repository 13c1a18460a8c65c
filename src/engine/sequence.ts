// Sequence numbers Odoo gives to steps created in one batch for one script (3.1): the counter
// starts after the highest existing sequence (0 for an empty script); a step without a sequence
// takes the counter and increments it; an explicit sequence is kept and resets the counter to
// that value *without* incrementing, so the next implicit step gets the same number.

export function assignSequences(existing: number[], vals: { sequence?: number }[]): number[] {
  let counter = existing.length ? Math.max(...existing) + 1 : 0;
  return vals.map((val) => {
    if (val.sequence !== undefined) {
      counter = val.sequence;
      return val.sequence;
    }
    return counter++;
  });
}
