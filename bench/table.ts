// One row of the `npm run bench` table; every bench module returns a list of these.
export interface BenchRow {
  /** Section of the table, e.g. "server", "widget". */
  group: string;
  name: string;
  value: number;
  unit: string;
  /** Interquartile range (or similar) of the samples, in `unit`. */
  spread?: number;
  /** The budget or goal for `value`, in `unit`. */
  target?: number;
  /** A comparison, e.g. against Odoo or a competitor (value / reference). */
  ratio?: number;
}
