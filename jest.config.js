/** @type {import('jest').Config} */
const tsJest = ["ts-jest", { tsconfig: "<rootDir>/tsconfig.test.json" }];

module.exports = {
  // Generous per-test time (a global option: projects cannot set it): the tests check behaviour,
  // and a loaded machine must not turn them red.
  testTimeout: 240_000,
  projects: [
    {
      displayName: "unit",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/e2e/"],
      transform: { "^.+\\.tsx?$": tsJest },
      setupFilesAfterEnv: ["<rootDir>/test/support/fail-on-console.ts"],
    },
    {
      displayName: "e2e",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/e2e/**/*.test.ts"],
      transform: { "^.+\\.tsx?$": tsJest },
      setupFilesAfterEnv: ["<rootDir>/test/support/fail-on-console.ts"],
    },
  ],
};
