// @types/qunit lags QUnit 3: declare the event API we use.
declare global {
  interface QUnit {
    on(event: "runEnd", callback: (run: { testCounts: { passed: number; failed: number; skipped: number; todo: number; total: number }; status: string }) => void): void;
    on(event: string, callback: (data: any) => void): void;
  }
}
export {};
