#!/usr/bin/env node
// Validates the add-in manifest offline: XML schema (libxml2 + schemas/manifest/*.xsd) and the
// project's own rules. No network is used. See docs/dev/manifest.md.
//
//   node scripts/validate-manifest.mjs [MANIFEST] [--assets DIR] [--schema XSD]
//
//   MANIFEST  defaults to manifest.xml in the repository root
//   --assets  folder holding the icon files; defaults to "assets" beside MANIFEST, so
//             `dist/manifest.xml` is checked against `dist/assets/`
//   --schema  defaults to schemas/manifest/OfficeAppManifestV1_1.xsd
//
// Exit code 0 when everything passes, 1 otherwise.
import { XmlDocument, XmlParseError, XmlValidateError, XsdValidator } from "libxml2-wasm";
import { xmlRegisterFsInputProviders } from "libxml2-wasm/lib/nodejs.mjs";
import { existsSync, readFileSync, openSync, readSync, closeSync } from "node:fs";
import { dirname, join, resolve, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** A path for messages: relative to the working directory when inside it, else absolute. */
const display = (p) => {
  const r = relative(process.cwd(), p);
  return r && !r.startsWith("..") ? r : p;
};

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const opts = { manifest: null, assets: null, schema: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--assets" || a === "--schema") {
      const v = argv[++i];
      if (!v) usage(`${a} needs a value`);
      opts[a.slice(2)] = resolve(v);
    } else if (a === "-h" || a === "--help") {
      usage();
    } else if (a.startsWith("-")) {
      usage(`unknown option ${a}`);
    } else if (opts.manifest === null) {
      opts.manifest = resolve(a);
    } else {
      usage(`unexpected argument ${a}`);
    }
  }
  opts.manifest ??= join(ROOT, "manifest.xml");
  opts.assets ??= join(dirname(opts.manifest), "assets");
  opts.schema ??= join(ROOT, "schemas", "manifest", "OfficeAppManifestV1_1.xsd");
  return opts;
}

function usage(problem) {
  const text = "usage: node scripts/validate-manifest.mjs [MANIFEST] [--assets DIR] [--schema XSD]\n";
  if (problem) {
    process.stderr.write(`validate-manifest: ${problem}\n${text}`);
    process.exit(1);
  }
  process.stdout.write(text);
  process.exit(0);
}

// ---------------------------------------------------------------- schema validation (libxml2)
// libxml2 compiled to WebAssembly (the npm package libxml2-wasm, pinned): the same XSD validator
// as xmllint, with nothing to install beyond `npm ci`. The schema's <xs:import>s are read from
// the files beside it; nothing is fetched.
function schemaValidate(manifest, schema) {
  xmlRegisterFsInputProviders();
  let xsd, validator, doc;
  try {
    xsd = XmlDocument.fromBuffer(readFileSync(schema), { url: schema });
    validator = XsdValidator.fromDoc(xsd);
  } catch (e) {
    return { errors: [`cannot load the XML schema ${display(schema)}: ${e.message}`] };
  }
  try {
    doc = XmlDocument.fromBuffer(readFileSync(manifest), { url: manifest });
    validator.validate(doc);
    return { errors: [] };
  } catch (e) {
    if (e instanceof XmlValidateError || e instanceof XmlParseError) {
      return { errors: e.details.map((d) => `${display(d.file ?? manifest)}:${d.line}: ${d.message.trim()}`) };
    }
    return { errors: [`the XML schema check failed: ${e.message}`] };
  } finally {
    doc?.dispose();
    validator.dispose();
    xsd.dispose();
  }
}

// ---------------------------------------------------------------- a small XML reader
// Enough XML for a manifest: elements, attributes, text, comments, CDATA, processing
// instructions and the predefined/numeric entities. DOCTYPEs are refused. Names keep their
// prefix (`bt:Image`); `local` is the name without it.
function parseXml(src) {
  const lineAt = (pos) => src.slice(0, pos).split("\n").length;
  const decode = (s, pos) =>
    s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);|&/g, (m, e) => {
      if (m === "&") throw new Error(`line ${lineAt(pos)}: bare '&'`);
      if (e[0] === "#") return String.fromCodePoint(e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
      return { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" }[e];
    });
  const root = { name: "#document", local: "#document", attrs: {}, children: [], text: "", line: 1, parent: null };
  const stack = [root];
  const openTag = /<([A-Za-z_][\w.:-]*)((?:\s+[A-Za-z_][\w.:-]*\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/y;
  const attrRe = /([A-Za-z_][\w.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  let i = 0;
  while (i < src.length) {
    const top = stack[stack.length - 1];
    if (src.startsWith("<?", i)) {
      const j = src.indexOf("?>", i);
      if (j < 0) throw new Error(`line ${lineAt(i)}: unterminated processing instruction`);
      i = j + 2;
    } else if (src.startsWith("<!--", i)) {
      const j = src.indexOf("-->", i);
      if (j < 0) throw new Error(`line ${lineAt(i)}: unterminated comment`);
      i = j + 3;
    } else if (src.startsWith("<![CDATA[", i)) {
      const j = src.indexOf("]]>", i);
      if (j < 0) throw new Error(`line ${lineAt(i)}: unterminated CDATA section`);
      top.text += src.slice(i + 9, j);
      i = j + 3;
    } else if (src.startsWith("<!", i)) {
      throw new Error(`line ${lineAt(i)}: DOCTYPE declarations are not allowed in the manifest`);
    } else if (src.startsWith("</", i)) {
      const j = src.indexOf(">", i);
      const name = src.slice(i + 2, j).trim();
      if (j < 0 || stack.length < 2 || top.name !== name) {
        throw new Error(`line ${lineAt(i)}: unexpected closing tag </${name}>`);
      }
      stack.pop();
      i = j + 1;
    } else if (src[i] === "<") {
      openTag.lastIndex = i;
      const m = openTag.exec(src);
      if (!m) throw new Error(`line ${lineAt(i)}: malformed tag`);
      const attrs = {};
      for (const a of m[2].matchAll(attrRe)) attrs[a[1]] = decode(a[2] ?? a[3] ?? "", i);
      const name = m[1];
      const el = { name, local: name.includes(":") ? name.split(":")[1] : name, attrs, children: [], text: "", line: lineAt(i), parent: top };
      top.children.push(el);
      if (!m[3]) stack.push(el);
      i = openTag.lastIndex;
    } else {
      const j = src.indexOf("<", i);
      const end = j < 0 ? src.length : j;
      top.text += decode(src.slice(i, end), i);
      i = end;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed element <${stack[stack.length - 1].name}>`);
  const elements = root.children;
  if (elements.length !== 1) throw new Error("the document must have exactly one root element");
  return elements[0];
}

function* walk(el) {
  yield el;
  for (const c of el.children) yield* walk(c);
}
const kids = (el, local) => (el ? el.children.filter((c) => c.local === local) : []);
const kid = (el, local) => kids(el, local)[0];
const path = (el) => {
  const parts = [];
  for (let e = el; e && e.local !== "#document"; e = e.parent) parts.unshift(e.local);
  return parts.join("/");
};

// ---------------------------------------------------------------- PNG header
function pngSize(file) {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(24);
    const n = readSync(fd, head, 0, 24, 0);
    const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    if (n < 24 || !head.subarray(0, 8).equals(sig) || head.toString("ascii", 12, 16) !== "IHDR") return null;
    return { width: head.readUInt32BE(16), height: head.readUInt32BE(20) };
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------- project rules
const REQUIRED_PERMISSIONS = "ReadWriteDocument";
const BASE_REQUIREMENT = { name: "ExcelApi", minVersion: "1.7" };
const SHARED_RUNTIME = { name: "SharedRuntime", minVersion: "1.1" };

/** Rules that the XML schema cannot express. Returns a list of error strings. */
export function projectRules(root, assetsDir) {
  const errors = [];
  const err = (el, msg) => errors.push(el ? `line ${el.line} (${path(el)}): ${msg}` : msg);

  if (root.local !== "OfficeApp" || root.attrs["xsi:type"] !== "TaskPaneApp") {
    err(root, 'the root must be <OfficeApp xsi:type="TaskPaneApp">');
  }

  // 1. Every URL is https. Scan all attribute values and text (namespace declarations excepted),
  //    and require the URL-valued settings to be absolute https URLs.
  for (const el of walk(root)) {
    for (const [name, value] of Object.entries(el.attrs)) {
      if (name === "xmlns" || name.startsWith("xmlns:")) continue;
      for (const m of value.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s"']*/g)) {
        if (!m[0].startsWith("https://")) err(el, `${name} uses a non-https URL: ${m[0]}`);
      }
    }
    for (const m of el.text.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s<]*/g)) {
      if (!m[0].startsWith("https://")) err(el, `text uses a non-https URL: ${m[0]}`);
    }
  }
  const urlSettings = new Set(["IconUrl", "HighResolutionIconUrl", "SupportUrl", "SourceLocation"]);
  for (const el of walk(root)) {
    const isUrlResource = (el.local === "Image" || el.local === "Url") && "id" in el.attrs;
    if ((urlSettings.has(el.local) && "DefaultValue" in el.attrs) || isUrlResource) {
      const values = [el.attrs.DefaultValue, ...kids(el, "Override").map((o) => o.attrs.Value)];
      for (const v of values) {
        // Values with a scheme were checked above; this catches relative or scheme-less values.
        if (v !== undefined && !v.includes("://") && !/^https:\/\/[^/\s]+/.test(v)) {
          err(el, `must be an absolute https URL, got "${v}"`);
        }
      }
    }
  }

  // 2. Permissions.
  const perms = kid(root, "Permissions");
  if (!perms || perms.text.trim() !== REQUIRED_PERMISSIONS) {
    err(perms ?? root, `<Permissions> must be ${REQUIRED_PERMISSIONS}, got "${perms ? perms.text.trim() : "(missing)"}"`);
  }

  // 3. No AppDomains: the add-in never navigates its pane to another origin.
  for (const d of kids(kid(root, "AppDomains"), "AppDomain")) err(d, `no AppDomains are allowed, found "${d.text.trim()}"`);

  // 4. Requirements: the base manifest names the Excel API set; a shared runtime needs SharedRuntime.
  const hasSet = (req, want) =>
    kids(kid(req, "Sets"), "Set").some((s) => {
      if (s.attrs.Name !== want.name) return false;
      const v = s.attrs.MinVersion ?? kid(req, "Sets").attrs.DefaultMinVersion ?? "1.1";
      return v === want.minVersion;
    });
  const baseReq = kid(root, "Requirements");
  if (!baseReq) err(root, "the base manifest has no <Requirements>");
  else if (!hasSet(baseReq, BASE_REQUIREMENT)) {
    err(baseReq, `<Requirements> must name ${BASE_REQUIREMENT.name} ${BASE_REQUIREMENT.minVersion}`);
  }
  const vo = kid(root, "VersionOverrides");
  const runtimes = vo ? [...walk(vo)].filter((e) => e.local === "Runtime") : [];
  if (runtimes.length) {
    const voReq = kid(vo, "Requirements");
    if (!hasSet(voReq, SHARED_RUNTIME) && !hasSet(baseReq, SHARED_RUNTIME)) {
      err(vo, `<Runtimes> is used, so a <Requirements> must name ${SHARED_RUNTIME.name} ${SHARED_RUNTIME.minVersion}`);
    }
  }

  // 5. Resources: unique ids, every resid resolves to a resource of the right kind.
  const resources = kid(vo, "Resources");
  const kinds = { Images: "Image", Urls: "Url", ShortStrings: "String", LongStrings: "String" };
  const byKind = {};
  for (const [group, item] of Object.entries(kinds)) {
    byKind[group] = new Map();
    for (const r of kids(kid(resources, group), item)) {
      const id = r.attrs.id;
      if (Object.values(byKind).some((m) => m.has(id))) err(r, `duplicate resource id "${id}"`);
      byKind[group].set(id, r);
    }
  }
  const expectedKind = (el) => {
    if (el.local === "Image") return "Images";
    if (["Runtime", "FunctionFile", "SourceLocation", "LearnMoreUrl"].includes(el.local)) return "Urls";
    if (["Label", "Title"].includes(el.local)) return "ShortStrings";
    if (el.local === "Description") return "LongStrings";
    return null;
  };
  const used = new Set();
  for (const el of walk(root)) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const k = expectedKind(el);
    const groups = k ? [k] : Object.keys(kinds);
    if (!groups.some((g) => byKind[g].has(resid))) {
      err(el, `resid "${resid}" does not resolve to a ${k ? `<${k}> resource` : "resource"}`);
    }
  }

  // 6. Icons: every image resolves to an existing PNG in the assets folder with the right size.
  const assetFor = (el, url) => {
    let pathname;
    try {
      pathname = new URL(url).pathname;
    } catch {
      return null; // reported by rule 1
    }
    const m = /\/assets\/([^/]+\.png)$/.exec(pathname);
    if (!m) {
      err(el, `image URL must point at a .png in /assets/: ${url}`);
      return null;
    }
    return join(assetsDir, decodeURIComponent(m[1]));
  };
  const checkPng = (el, url, allowedSizes) => {
    const file = assetFor(el, url);
    if (!file) return;
    const shown = display(file);
    if (!existsSync(file)) {
      err(el, `icon file ${shown} does not exist (for ${url})`);
      return;
    }
    const size = pngSize(file);
    if (!size) err(el, `icon file ${shown} is not a PNG`);
    else if (size.width !== size.height || !allowedSizes.includes(size.width)) {
      err(el, `icon file ${shown} is ${size.width}x${size.height}, expected ${allowedSizes.map((s) => `${s}x${s}`).join(" or ")}`);
    }
  };
  for (const [name, sizes] of [["IconUrl", [32, 64]], ["HighResolutionIconUrl", [64, 128]]]) {
    const el = kid(root, name);
    if (!el) err(root, `<${name}> is missing`);
    else checkPng(el, el.attrs.DefaultValue, sizes);
  }
  for (const el of walk(root)) {
    if (el.local === "Image" && "resid" in el.attrs) {
      const res = byKind.Images.get(el.attrs.resid);
      const size = Number(el.attrs.size);
      if (res) checkPng(el, res.attrs.DefaultValue, [size]);
    }
  }
  for (const [id, res] of byKind.Images) {
    if (!used.has(id)) err(res, `image resource "${id}" is never used`);
  }

  // 7. Shared runtime: the runtime, the function file and every task pane use one page,
  //    and every task pane action names the one TaskpaneId (a shared runtime has one pane).
  if (runtimes.length) {
    const page = runtimes[0].attrs.resid;
    if (runtimes.length > 1) err(runtimes[1], "only one <Runtime> is supported");
    if (runtimes[0].attrs.lifetime !== "long") err(runtimes[0], 'a shared runtime needs lifetime="long"');
    for (const el of walk(vo)) {
      if (el.local === "FunctionFile" && el.attrs.resid !== page) {
        err(el, `<FunctionFile> must use the runtime's page "${page}", got "${el.attrs.resid}"`);
      }
      if (el.local === "Action" && el.attrs["xsi:type"] === "ShowTaskpane") {
        const src = kid(el, "SourceLocation");
        if (src && src.attrs.resid !== page) err(src, `task pane must use the runtime's page "${page}", got "${src.attrs.resid}"`);
        if (!kid(el, "TaskpaneId")) err(el, "a ShowTaskpane action needs a <TaskpaneId> in a shared runtime");
      }
    }
  }

  // 8. Control ids are unique.
  const ids = new Map();
  for (const el of walk(root)) {
    if (["Control", "Group", "CustomTab"].includes(el.local) && el.attrs.id) {
      if (ids.has(el.attrs.id)) err(el, `duplicate id "${el.attrs.id}"`);
      ids.set(el.attrs.id, el);
    }
  }

  return errors;
}

// ---------------------------------------------------------------- main
function main() {
  const opts = parseArgs(process.argv.slice(2));
  const shown = display(opts.manifest);
  if (!existsSync(opts.manifest)) {
    process.stderr.write(`validate-manifest: ${shown} does not exist\n`);
    process.exit(1);
  }

  const schema = schemaValidate(opts.manifest, opts.schema);
  let rules = [];
  try {
    rules = projectRules(parseXml(readFileSync(opts.manifest, "utf8")), opts.assets);
  } catch (e) {
    rules = [`cannot read ${shown} as XML: ${e.message}`];
  }

  if (schema.errors.length === 0 && rules.length === 0) {
    process.stdout.write(`${shown}: valid (XML schema ${relative(ROOT, opts.schema)} and project rules)\n`);
    return;
  }
  if (schema.errors.length) {
    process.stderr.write(`${shown}: XML schema errors:\n${schema.errors.map((e) => `  ${e}`).join("\n")}\n`);
  }
  if (rules.length) process.stderr.write(`${shown}: project rule errors:\n${rules.map((e) => `  ${e}`).join("\n")}\n`);
  process.stderr.write(`${shown}: INVALID\n`);
  process.exit(1);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
