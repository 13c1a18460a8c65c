// Ends every QUnit run with the plain closing line that CI reads ("N passed, N failed, N skipped").
// QUnit itself fails a run that executed no test.
QUnit.on("runEnd", (run) => {
  const { passed, failed, skipped, todo } = run.testCounts;
  console.log(`${passed} passed, ${failed + todo} failed, ${skipped} skipped`);
});
