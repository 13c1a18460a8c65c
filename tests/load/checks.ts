// Named checks of the load and scale runs, printed as they finish, and the closing line
// "N passed, N failed, N skipped" that `npm test` reads. A check that does not apply here is
// reported as skipped with the reason, never as passed.
export class CheckList {
  passed = 0;
  failed = 0;
  skipped = 0;

  check(name: string, problem: string | null): boolean {
    if (problem === null) {
      this.passed++;
      console.log(`ok - ${name}`);
      return true;
    }
    this.failed++;
    console.log(`not ok - ${name}\n    ${problem.split("\n").join("\n    ")}`);
    return false;
  }

  skip(name: string, why: string): void {
    this.skipped++;
    console.log(`skip - ${name} [not applicable: ${why}]`);
  }

  /** Runs a check body; a throw is a failure with its message. */
  async run(name: string, body: () => Promise<string | null>): Promise<boolean> {
    try {
      return this.check(name, await body());
    } catch (error) {
      return this.check(name, `threw: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }

  summary(): string {
    return `${this.passed} passed, ${this.failed} failed, ${this.skipped} skipped`;
  }
}

/** The first few problems of many, with how many there were. */
export function firstProblems(problems: string[], shown = 5): string | null {
  if (!problems.length) return null;
  return `${problems.length} problem(s):\n${problems.slice(0, shown).join("\n")}${problems.length > shown ? "\n…" : ""}`;
}
