import type { Reporter, TestModule } from "vitest/node";

/**
 * After the run, every test file's time, slowest first, and the whole run's: where the suite's time
 * goes (README.md, "Tests"). Beside vitest's default reporter.
 */
export default class FileTimes implements Reporter {
  private started = performance.now();

  onTestRunStart() {
    this.started = performance.now();
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const rows = modules
      .map((module) => ({ file: module.relativeModuleId, ms: module.diagnostic().duration, tests: [...module.children.allTests()].length }))
      .sort((a, b) => b.ms - a.ms);
    const total = rows.reduce((sum, row) => sum + row.ms, 0);
    const lines = rows.map((row) => `  ${(row.ms / 1000).toFixed(1).padStart(7)} s  ${String(row.tests).padStart(3)} tests  ${row.file}`);
    process.stdout.write(
      `\nTime per test file (slowest first; files run side by side, one per worker):\n${lines.join("\n")}\n` +
        `  ${(total / 1000).toFixed(1).padStart(7)} s in files; ${((performance.now() - this.started) / 1000).toFixed(1)} s from start to end of the run\n`,
    );
  }
}
