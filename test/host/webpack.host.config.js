// Bundles the Office.js test double for a browser page: build/test-host/host.js.
// CLI: npx webpack --config test/host/webpack.host.config.js
// Node: require("./webpack.host.config.js")({ outputPath }) (see build-browser-host.ts).
const path = require("path");

const root = path.resolve(__dirname, "../..");

module.exports = (env = {}) => ({
  mode: "development",
  devtool: false,
  target: ["web", "es2020"],
  context: root,
  entry: path.join(__dirname, "browser-entry.ts"),
  output: {
    path: env.outputPath || path.join(root, "build/test-host"),
    filename: "host.js",
    clean: false,
  },
  resolve: { extensions: [".ts", ".js"] },
  module: {
    rules: [
      {
        test: /\.ts$/,
        loader: "ts-loader",
        options: { configFile: path.join(__dirname, "tsconfig.browser.json"), transpileOnly: true },
      },
    ],
  },
  performance: { hints: false },
  infrastructureLogging: { level: "error" },
  stats: "errors-only",
});
