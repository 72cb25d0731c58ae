/** @type {import('jest').Config} */
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }];
const common = {
  testEnvironment: "node",
  transform: { "^.+\\.tsx?$": tsJest },
  setupFilesAfterEnv: ["<rootDir>/test/support/fail-on-console.ts"],
};
/** The suites that drive the add-in through Office.js: they run once per client (test/host/README.md). */
const ADDIN_SUITES = ["<rootDir>/test/addin/**/*.test.ts", "<rootDir>/test/officejs/**/*.test.ts", "<rootDir>/test/bench-syncs.test.ts"];

module.exports = {
  // Generous per-test time (a global option: projects cannot set it): the tests check behaviour,
  // and a loaded machine must not turn them red.
  testTimeout: 240_000,
  projects: [
    {
      ...common,
      displayName: "unit",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
    },
    {
      // The same add-in suites, with Microsoft's Office.js client over the host's model.
      ...common,
      displayName: "officejs",
      testMatch: ADDIN_SUITES,
      setupFiles: ["<rootDir>/test/support/officejs-client.ts"],
    },
    {
      ...common,
      displayName: "e2e",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
    },
    {
      ...common,
      displayName: "e2e-officejs",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      setupFiles: ["<rootDir>/test/support/officejs-client.ts"],
    },
  ],
};
