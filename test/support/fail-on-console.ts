// Stray console output in a test hides real problems: fail the test instead (as zod does).
const methods = ["log", "warn", "error", "info", "debug"] as const;

for (const method of methods) {
  // eslint-disable-next-line no-console
  const original = console[method];
  beforeEach(() => {
    console[method] = (...args: unknown[]) => {
      console[method] = original;
      throw new Error(`Unexpected console.${method} in test: ${args.map(String).join(" ")}`);
    };
  });
  afterEach(() => {
    console[method] = original;
  });
}
