// webpack 5 config for the Jobstatus Excel add-in (task pane + ribbon function commands in one
// shared runtime). See docs/dev/manifest.md.
//
//   webpack --mode production          -> dist/ (minified, no source maps)
//   webpack --mode development         -> dist/ with separate source maps
//   webpack serve --mode development   -> https://localhost:3000/ (needs dev certificates)
//
// Environment:
//   ADDIN_PUBLIC_URL   production only: the https base URL the add-in is hosted at, e.g.
//                      https://addins.example.dk/jobstatus/ . dist/manifest.xml gets every
//                      "https://localhost:3000/" replaced by it. Unset: the URLs stay as they are
//                      (and the build warns).
"use strict";

const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { WebpackError } = require("webpack");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const DEV_PORT = Number(process.env.npm_package_config_dev_server_port) || 3000;
const DEV_URL = "https://localhost:3000/"; // as written in manifest.xml
const OFFICE_JS_ORIGIN = "https://appsforoffice.microsoft.com";

/** ADDIN_PUBLIC_URL, checked and normalised to end in "/"; null when unset. */
function publicUrl() {
  const raw = (process.env.ADDIN_PUBLIC_URL || "").trim();
  if (!raw) return null;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`ADDIN_PUBLIC_URL is not a URL: "${raw}"`);
  }
  if (url.protocol !== "https:") throw new Error(`ADDIN_PUBLIC_URL must be an https URL, got "${raw}"`);
  if (url.search || url.hash) throw new Error(`ADDIN_PUBLIC_URL must not have a query or fragment, got "${raw}"`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/**
 * The task pane's Content-Security-Policy. It is injected into every emitted HTML page as the
 * first element after <meta charset> (a <meta> policy only governs what comes after it), so the
 * page templates must not carry their own. frame-ancestors is left out: browsers ignore it in a
 * <meta> policy (set it as an HTTP header on the production host instead).
 * style-src keeps 'unsafe-inline' because Office's own host scripts (e.g. excel-web-16.00.js,
 * loaded by office.js) set inline styles (OfficeDev/office-js#1687).
 */
function contentSecurityPolicy(dev) {
  const directives = [
    ["default-src", "'self'"],
    ["script-src", `'self' ${OFFICE_JS_ORIGIN}`],
    ["style-src", "'self' 'unsafe-inline'"],
    ["img-src", "'self' data:"],
    // The dev server's live reload talks over a WebSocket; production talks to nobody.
    ["connect-src", dev ? `'self' wss://localhost:${DEV_PORT}` : "'none'"],
    ["object-src", "'none'"],
    ["base-uri", "'none'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join("; ");
}

/** Puts the CSP <meta> tag at the top of <head> of every page html-webpack-plugin emits. */
class CspMetaPlugin {
  constructor(policy) {
    this.policy = policy;
  }
  apply(compiler) {
    compiler.hooks.compilation.tap("CspMetaPlugin", (compilation) => {
      HtmlWebpackPlugin.getHooks(compilation).beforeEmit.tapAsync("CspMetaPlugin", (data, callback) => {
        if (/http-equiv\s*=\s*["']?content-security-policy/i.test(data.html)) {
          callback(new Error(`${data.outputName}: the template has its own Content-Security-Policy; the policy is set in webpack.config.js`));
          return;
        }
        const tag = `<meta http-equiv="Content-Security-Policy" content="${this.policy}">`;
        const anchor = /<meta\s+charset[^>]*>/i.test(data.html) ? /<meta\s+charset[^>]*>/i : /<head[^>]*>/i;
        if (!anchor.test(data.html)) {
          callback(new Error(`${data.outputName}: no <head> to put the Content-Security-Policy in`));
          return;
        }
        data.html = data.html.replace(anchor, (m) => `${m}\n    ${tag}`);
        callback(null, data);
      });
    });
  }
}

/** The pane's stylesheets, in cascade order: one file in dist/ (taskpane.css), one request at start-up. */
const PANE_STYLES = ["src/taskpane/taskpane.css", "src/taskpane/collect.css", "src/taskpane/selftest.css"];

/**
 * Every stylesheet in src/taskpane must be in PANE_STYLES: a new one left out would be silently
 * missing from dist/taskpane.css, so the build stops instead.
 */
function checkPaneStyles(root) {
  const found = fs.readdirSync(path.join(root, "src/taskpane")).filter((f) => f.endsWith(".css")).map((f) => `src/taskpane/${f}`);
  const left = found.filter((f) => !PANE_STYLES.includes(f));
  const gone = PANE_STYLES.filter((f) => !found.includes(f));
  if (left.length > 0 || gone.length > 0)
    throw new Error(`webpack.config.js: PANE_STYLES does not match src/taskpane/*.css (not listed: ${left.join(", ") || "none"}; listed but missing: ${gone.join(", ") || "none"}).`);
}

/**
 * The Fluent 2 design tokens (@fluentui/tokens, webLightTheme and webDarkTheme) as CSS custom
 * properties: light on :root, dark where they differ under :root[data-theme="dark"]
 * (src/taskpane/fluent.ts sets data-theme). Made at build time, so the pane's script neither carries
 * the token tables nor sets some 460 properties at start-up, and the first paint has its colours.
 */
function tokensCss() {
  const { webLightTheme, webDarkTheme } = require("@fluentui/tokens");
  const block = (selector, theme, base) => {
    const lines = Object.entries(theme)
      .filter(([token, value]) => !base || base[token] !== value)
      .map(([token, value]) => `  --${token}: ${String(value)};`);
    return `${selector} {\n${lines.join("\n")}\n}\n`;
  };
  return `/* Fluent 2 design tokens (@fluentui/tokens), generated by webpack.config.js. */\n${block(":root", webLightTheme)}${block(':root[data-theme="dark"]', webDarkTheme, webLightTheme)}`;
}

/** dist/taskpane.css: the tokens, then PANE_STYLES. */
function paneCss(root) {
  checkPaneStyles(root);
  return [tokensCss(), ...PANE_STYLES.map((f) => `/* ${f} */\n${fs.readFileSync(path.join(root, f), "utf8")}`)].join("\n");
}

class PaneCssPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("PaneCssPlugin", (compilation) => {
      for (const f of PANE_STYLES) compilation.fileDependencies.add(path.join(compiler.context, f));
      compilation.hooks.processAssets.tap({ name: "PaneCssPlugin", stage: compilation.constructor.PROCESS_ASSETS_STAGE_ADDITIONAL }, () => {
        compilation.emitAsset("taskpane.css", new compiler.webpack.sources.RawSource(paneCss(compiler.context)));
      });
    });
  }
}

/** Adds a build warning (shown by webpack, does not fail the build). */
class WarnPlugin {
  constructor(message) {
    this.message = message;
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("WarnPlugin", (compilation) => {
      compilation.warnings.push(new WebpackError(this.message));
    });
  }
}

/**
 * HTTPS options for the dev server. office-addin-dev-certs cannot install its CA without sudo on
 * Linux, and getHttpsServerOptions() then rejects even though the files exist, so read the files
 * it generated directly and fall back to the library only when they are missing.
 */
async function devHttpsOptions() {
  const dir = path.join(os.homedir(), ".office-addin-dev-certs");
  const file = (name) => path.join(dir, name);
  if (fs.existsSync(file("localhost.crt")) && fs.existsSync(file("localhost.key"))) {
    const options = { cert: fs.readFileSync(file("localhost.crt")), key: fs.readFileSync(file("localhost.key")) };
    if (fs.existsSync(file("ca.crt"))) options.ca = fs.readFileSync(file("ca.crt"));
    return options;
  }
  try {
    const { ca, cert, key } = await require("office-addin-dev-certs").getHttpsServerOptions();
    return { ca, cert, key };
  } catch (error) {
    process.stderr.write(
      "\nThe dev server needs a trusted HTTPS certificate for https://localhost:3000 and none was found\n" +
        `in ${dir}. Create one with:\n\n    npx office-addin-dev-certs install\n\n` +
        "(On Linux the CA cannot be installed into the system store without sudo; the certificate\n" +
        " files are still written, and this config reads them directly.)\n" +
        `Details: ${error && error.message ? error.message : error}\n\n`,
    );
    process.exit(1);
  }
}

module.exports = async (env, argv) => {
  checkPaneStyles(__dirname);
  const dev = argv.mode !== "production";
  const prodUrl = dev ? null : publicUrl();
  const serving = Boolean(env && env.WEBPACK_SERVE);

  const plugins = [
    new HtmlWebpackPlugin({
      filename: "taskpane.html",
      template: "./src/taskpane/taskpane.html",
      chunks: ["taskpane"],
      // The template places the tags itself: a preload before office.js, the deferred script after it.
      inject: false,
      scriptLoading: "defer",
    }),
    new CspMetaPlugin(contentSecurityPolicy(dev)),
    new PaneCssPlugin(),
    new CopyWebpackPlugin({
      patterns: [
        { from: "assets/*.png", to: "assets/[name][ext]" },
        {
          from: "manifest.xml",
          to: "manifest.xml",
          transform: {
            transformer(content) {
              if (!prodUrl) return content;
              return Buffer.from(content.toString("utf8").split(DEV_URL).join(prodUrl), "utf8");
            },
          },
        },
      ],
    }),
  ];
  if (!dev && !prodUrl) {
    plugins.push(
      new WarnPlugin(`ADDIN_PUBLIC_URL is not set: dist/manifest.xml still points at ${DEV_URL} (fine for a local test, not for deployment)`),
    );
  }

  return {
    mode: dev ? "development" : "production",
    target: ["web", "es2020"],
    entry: { taskpane: "./src/taskpane/taskpane.ts" },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: dev ? "[name].js" : "[name].[contenthash:8].js",
      // Every file sits next to taskpane.html, so the on-demand chunk (the Word writer) loads by a
      // relative URL; "auto" would add a runtime that guesses the script's URL.
      publicPath: "",
      clean: true,
    },
    // Production: no source maps at all. Development: separate .map files (no eval, which the
    // CSP forbids).
    devtool: dev ? "source-map" : false,
    resolve: { extensions: [".ts", ".js"] },
    module: {
      rules: [
        // The engine, catalogue and adapter have no import side effects. Saying so lets webpack drop
        // modules whose exports the pane never uses, e.g. the engine's zod JSON schema (CLI only).
        { test: /[\\/]src[\\/](core|messages|office)[\\/][^\\/]+\.ts$/, sideEffects: false },
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            options: {
              configFile: path.resolve(__dirname, "tsconfig.json"),
              transpileOnly: false,
              // Type-check only what is bundled, not all of tsconfig's "include" (tests, CLI).
              onlyCompileBundledFiles: true,
            },
          },
        },
      ],
    },
    plugins,
    performance: { maxAssetSize: 1024 * 1024, maxEntrypointSize: 1024 * 1024 },
    devServer: {
      port: DEV_PORT,
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      client: { overlay: { errors: true, warnings: false } },
      // Certificates are read only when serving, so `webpack --mode production` needs none.
      server: serving ? { type: "https", options: await devHttpsOptions() } : "https",
    },
  };
};

// For the tests (test/taskpane-theme.test.ts): the stylesheet the build writes.
module.exports.paneCss = paneCss;
