/**
 * The Office.js client machinery: proxy objects, load/sync, the request queue and its payload
 * accounting. Which types exist and what they do is declared in api.ts.
 */
import { recalculate } from "./calc";
import { clearsUndoStack, notUndoable } from "./undo";
import type { Engine } from "./engine";
import { NotImplementedError, RichApiError, propertyNotLoaded } from "./errors";
import type { FileStore } from "./insert-files";
import type { HostPlatform } from "./insert-sheets";

export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** Calls that change the view, not the workbook: allowed in a read-only workbook. */
const VIEW_ONLY_CALLS = new Set(["select", "activate", "suspendApiCalculationUntilNextSync", "suspendScreenUpdatingUntilNextSync", "getCount"]);

export interface PropDef {
  readonly?: boolean;
  /** Left out of `load()` without arguments. */
  notInAll?: boolean;
  /** Runs at sync: the value to report. */
  get(obj: ClientObject): unknown;
  /** Runs at sync: applies a queued write. */
  set?(obj: ClientObject, value: unknown): void;
}

export interface NavDef {
  type: () => TypeDef;
  make(obj: ClientObject): ClientObject;
}

export type MethodDef = (obj: ClientObject, args: unknown[]) => unknown;

export interface TypeDef {
  name: string;
  props: Record<string, PropDef>;
  navs: Record<string, NavDef>;
  methods: Record<string, MethodDef>;
  /** For collections: the items as bound objects, listed at sync. */
  collection?: { itemType: () => TypeDef; list(obj: ClientObject): ClientObject[] };
}

/** The host-wide state the client machinery needs. */
export interface HostCore {
  engine: Engine;
  stats: HostStats;
  /** Returns the error code injected for the sync about to run, if any. */
  nextSync(): string | undefined;
  /**
   * A cell is being edited (TestHost.editCell): true when the sync must fail with
   * InvalidOperationInCellEditMode; a run with delayForCellEdit waits, which ends the edit.
   */
  blockedByCellEdit(delayForCellEdit: boolean): boolean;
  /** The current run's undo grouping (RunOptions.mergeUndoGroup, ExcelApi 1.20). */
  undo: { merge: boolean; counted: boolean };
  /** The request being applied called suspendApiCalculationUntilNextSync (calc.ts). */
  calcSuspended: boolean;
  /** Changes were made with calculation suspended and nothing has recalculated since (calc.ts). */
  calcStale: boolean;
  /** Files for insertWorksheetsFromBase64, decoded before a sync applies anything. */
  files: FileStore;
  /** Office.context.platform the host plays (Excel on the web by default: its limits are the strictest). */
  platform: HostPlatform;
}

export interface RequestStat {
  requestBytes: number;
  responseBytes: number;
  /** Queued operations (property sets, method calls, loads) sent by this sync. */
  operations: number;
  /** The payload limit Excel refused this sync with (its bytes are what would have been sent). */
  refused?: "RequestPayloadSizeLimitExceeded" | "ResponsePayloadSizeLimitExceeded";
}

export interface HostStats {
  /** ctx.sync() calls, plus the implicit sync at the end of run() when operations were pending. */
  syncs: number;
  /** One entry per counted sync, in order. */
  requests: RequestStat[];
  runs: number;
  suspendCalc: number;
  suspendScreen: number;
  /** Undo records Excel would keep: one per sync that changed the workbook, one per run with mergeUndoGroup. */
  undoSteps: number;
  /** Application.calculate calls (calc.ts). */
  calculations: number;
  /** Requests that cleared the user's undo stack (a call Excel cannot undo, or office-js#5918; undo.ts). */
  undoCleared: number;
}

export interface Op {
  obj: ClientObject;
  desc: Record<string, unknown>;
  /** Instantiations (Office.js queues one per proxy object) are sent but not counted as operations. */
  counted: boolean;
  /** Applies the operation; may return a load result to deliver if the whole sync succeeds. */
  exec(): LoadResult | void;
}

export interface LoadResult {
  data: unknown;
  commit(): void;
}

export interface LoadSpec {
  all: boolean;
  scalars: Set<string>;
  navs: Map<string, LoadSpec>;
  top?: number;
  skip?: number;
}

const proxyToObject = new WeakMap<object, ClientObject>();

/** Names that test frameworks and `await` probe on any object; they answer undefined instead of throwing. */
const INTROSPECTION = new Set(["then", "$$typeof", "asymmetricMatch", "nodeType", "nodeName", "tagName", "_isMockFunction", "inspect", "@@__IMMUTABLE_ITERABLE__@@", "@@__IMMUTABLE_RECORD__@@", "@@__IMMUTABLE_ORDERED__@@", "@@__IMMUTABLE_KEYED__@@", "@@__IMMUTABLE_INDEXED__@@", "@@__IMMUTABLE_SET__@@", "@@__IMMUTABLE_LIST__@@", "@@__IMMUTABLE_MAP__@@", "@@__IMMUTABLE_STACK__@@"]);
/** Object.prototype members keep working (String(obj) gives "[object Object]", as for Office.js objects). */
const OBJECT_MEMBERS = new Set(["toString", "valueOf", "toLocaleString", "constructor", "hasOwnProperty", "isPrototypeOf", "propertyIsEnumerable"]);

export function unwrap(value: unknown): ClientObject | undefined {
  return typeof value === "object" && value !== null ? proxyToObject.get(value) : undefined;
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function jsonReplacer(_key: string, value: unknown): unknown {
  const obj = unwrap(value);
  return obj ? { _ObjectPath: obj.path } : value;
}

export class ClientResult<T> {
  private loaded = false;
  private v: T | undefined;
  /** Set by the sync that computed it. */
  deliver(value: T): void {
    this.v = value;
    this.loaded = true;
  }
  get value(): T {
    if (!this.loaded) throw new RichApiError("ValueNotLoaded", { location: "ClientResult.value" });
    return this.v as T;
  }
  toJSON(): unknown {
    return this.loaded ? this.v : undefined;
  }
}

/**
 * Range-returning methods whose result Microsoft's client marks "invalid after request"
 * (`_createMethodObject(..., isInvalidAfterRequest = true, ...)` in excel-web-16.00.debug.js,
 * @microsoft/office-js 1.1.110). After a request that used such an object, the client sets the path
 * invalid (`ClientRequestBase.invalidatePendingInvalidObjectPaths`) unless Excel returned a reference
 * id for it, which it does only for tracked objects (`_KeepReference`). Any later use of an untracked
 * one, or of an object derived from it, throws `InvalidObjectPath`
 * (`CommonUtility.validateObjectPath`; message "If you're using the object across multiple
 * context.sync calls ... use context.trackedObjects.add()"). Binding.getRange and
 * PivotLayout.getRange/getDataBodyRange are not marked (the host models neither).
 */
const INVALID_AFTER_REQUEST = new Set(
  ("convertToRange find findAll findAllOrNullObject findOrNullObject getAbsoluteResizedRange getActiveCell getBoundingRect getCell " +
    "getCellAfterBreak getColumn getColumnsAfter getColumnsBefore getDataBodyRange getEntireColumn getEntireRow getExtendedRange " +
    "getHeaderRowRange getIntersection getIntersectionOrNullObject getInvalidCells getInvalidCellsOrNullObject getLastCell getLastColumn " +
    "getLastRow getLocation getLocationOrNullObject getMergedAreas getOffsetRange getOffsetRangeAreas getPrintArea getPrintAreaOrNullObject " +
    "getPrintTitleColumns getPrintTitleColumnsOrNullObject getPrintTitleRows getPrintTitleRowsOrNullObject getRange getRangeAreasBySheet " +
    "getRangeAreasOrNullObjectBySheet getRangeByIndexes getRangeEdge getRangeOrNullObject getRanges getResizedRange getRow getRowsAbove " +
    "getRowsBelow getSelectedRange getSelectedRanges getSpecialCells getSpecialCellsOrNullObject getSpillParent getSpillParentOrNullObject " +
    "getSpillingToRange getSpillingToRangeOrNullObject getSurroundingRegion getTotalRowRange getUsedRange getUsedRangeAreas " +
    "getUsedRangeAreasOrNullObject getUsedRangeOrNullObject insert").split(" "),
);

export class ClientObject {
  /** The object this one was derived from (its object path's parent). */
  parent: ClientObject | undefined;
  /** Microsoft's client marks the path "invalid after request" (INVALID_AFTER_REQUEST). */
  invalidAfterRequest = false;
  /** Office.js keeps objects of an Excel.run alive across syncs unless `untrack()`ed. */
  tracked = true;
  /** Set after a request that used an untracked "invalid after request" object: any later use throws. */
  invalid = false;
  /** Last value loaded or set locally, per property (Office.js keeps one field for both). */
  readonly values = new Map<string, unknown>();
  /** Undefined until a load of this object completed. */
  isNull: boolean | undefined;
  items: unknown[] | undefined;
  readonly proxy: object;
  private readonly navCache = new Map<string, ClientObject>();

  constructor(
    readonly ctx: Context,
    readonly def: TypeDef,
    readonly path: string,
    /** Finds the model object at sync; null for a null object; throws when the object is gone. */
    private readonly resolveFn: () => unknown,
    instantiate = true,
    parent?: ClientObject,
    invalidAfterRequest = false,
  ) {
    this.parent = parent;
    this.invalidAfterRequest = invalidAfterRequest;
    this.proxy = new Proxy(this, handler);
    proxyToObject.set(this.proxy, this);
    // Like Office.js: creating a proxy queues an "instantiate" action, which resolves the object at
    // that point of the batch (so getItem("missing") fails the sync) and reports isNullObject.
    if (instantiate && !ctx.processing) {
      ctx.enqueue({
        obj: this,
        desc: { path, kind: "instantiate" },
        counted: false,
        exec: () => {
          const t = this.resolveFn();
          const isNull = t === null || t === undefined;
          return { data: isNull ? null : {}, commit: () => void (this.isNull = isNull) };
        },
      });
    }
  }

  /** The model object, or null for a null object (`*OrNullObject`). */
  resolve(): unknown {
    return this.resolveFn();
  }

  /** The model object for a write; a null object cannot be written to. */
  resolveForWrite(location: string): unknown {
    const t = this.resolveFn();
    if (t === null || t === undefined) throw new RichApiError("ItemNotFound", { detail: `${this.path} is a null object`, location });
    return t;
  }

  nav(name: string): ClientObject {
    let child = this.navCache.get(name);
    if (!child) {
      const def = this.def.navs[name];
      if (!def) throw new NotImplementedError(`${this.def.name}.${name}`);
      child = def.make(this);
      this.navCache.set(name, child);
    }
    return child;
  }

  /** Creates an object derived from this one (same context). */
  child(def: TypeDef, pathSuffix: string, resolve: () => unknown): ClientObject {
    const method = /^\.(\w+)\(/.exec(pathSuffix)?.[1];
    const rangeLike = def.name === "Range" || def.name === "RangeAreas";
    return new ClientObject(this.ctx, def, `${this.path}${pathSuffix}`, resolve, true, this, rangeLike && method !== undefined && INVALID_AFTER_REQUEST.has(method));
  }

  /** Throws InvalidObjectPath when this object or one it derives from is no longer valid (INVALID_AFTER_REQUEST). */
  validatePath(): void {
    for (let o: ClientObject | undefined = this; o; o = o.parent) {
      if (o.invalid) {
        throw new RichApiError("InvalidObjectPath", {
          arg: o.path,
          detail: "an untracked range from an earlier request is invalid after that request (Microsoft's client: isInvalidAfterRequest); keep it with track() or create it again",
        });
      }
    }
  }

  /** After a request that used this object: untracked "invalid after request" paths, and their parents', become invalid. */
  markRequested(): void {
    for (let o: ClientObject | undefined = this; o; o = o.parent) if (o.invalidAfterRequest && !o.tracked) o.invalid = true;
  }

  enqueue(kind: "set" | "call" | "load", name: string, payload: unknown, exec: () => LoadResult | void): void {
    this.ctx.enqueue({ obj: this, desc: { path: this.path, kind, name, payload }, counted: true, exec });
  }

  /** Queues a method call whose effect runs at sync. */
  call(name: string, args: unknown[], exec: () => void): void {
    for (const a of args) {
      const o = unwrap(a);
      if (o && o.ctx !== this.ctx) throw new RichApiError("InvalidRequestContext", { location: `${this.def.name}.${name}` });
    }
    this.enqueue("call", name, args, exec);
  }

  /** Queues a method call that produces a ClientResult. */
  callForResult<T>(name: string, args: unknown[], compute: () => T): ClientResult<T> {
    const result = new ClientResult<T>();
    this.enqueue("call", name, args, () => {
      const value = compute();
      return { data: value, commit: () => result.deliver(value) };
    });
    return result;
  }

  queueSet(name: string, value: unknown): void {
    const prop = this.def.props[name];
    if (!prop?.set) throw new TypeError(`Cannot set property ${name} of ${this.def.name}, which is read-only`);
    const setter = prop.set;
    this.enqueue("set", name, value, () => setter(this, value));
    this.values.set(name, value);
  }

  queueLoad(option: unknown): void {
    const spec = parseLoadOption(this.def, option);
    this.enqueue("load", "load", describeSpec(spec), () => snapshot(this, spec));
  }

  readProperty(name: string): unknown {
    if (this.isNull === true) return this.values.get(name);
    if (!this.values.has(name)) throw propertyNotLoaded(this.def.name, name);
    return this.values.get(name);
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.def.collection) {
      if (this.items) out.items = this.items.map((p) => unwrap(p)?.toJSON());
      return out;
    }
    for (const [k, v] of this.values) out[k] = v;
    for (const [k, child] of this.navCache) {
      const j = child.toJSON();
      if (Object.keys(j).length > 0) out[k] = j;
    }
    return out;
  }

  /** Office.js `set(properties)`: queued writes for scalar properties and navigation properties. */
  setMany(properties: unknown): void {
    if (typeof properties !== "object" || properties === null) throw new TypeError(`${this.def.name}.set expects an object`);
    for (const [k, v] of Object.entries(properties)) {
      if (this.def.props[k]) this.queueSet(k, v);
      else if (this.def.navs[k]) this.nav(k).setMany(v);
      else throw new NotImplementedError(`${this.def.name}.${k}`);
    }
  }
}

const handler: ProxyHandler<ClientObject> = {
  get(obj, prop) {
    if (typeof prop === "symbol") return Reflect.get(obj, prop);
    const def = obj.def;
    switch (prop) {
      case "context":
        return obj.ctx.proxy;
      case "isNullObject":
        if (obj.isNull === undefined) throw propertyNotLoaded(def.name, "isNullObject");
        return obj.isNull;
      case "load":
        return (option?: unknown) => {
          obj.queueLoad(option);
          return obj.proxy;
        };
      case "set":
        return (properties: unknown) => obj.setMany(properties);
      case "toJSON":
        return () => obj.toJSON();
      case "track":
        return () => {
          obj.validatePath();
          obj.tracked = true;
          return obj.proxy;
        };
      case "untrack":
        return () => {
          obj.tracked = false;
          return obj.proxy;
        };
    }
    if (def.collection && prop === "items") {
      if (obj.items === undefined) throw propertyNotLoaded(def.name, "items");
      return obj.items;
    }
    if (def.props[prop]) return obj.readProperty(prop);
    if (def.navs[prop]) return obj.nav(prop).proxy;
    const method = def.methods[prop];
    if (method) return (...args: unknown[]) => method(obj, args);
    if (INTROSPECTION.has(prop)) return undefined;
    if (OBJECT_MEMBERS.has(prop)) return Reflect.get(Object.prototype, prop) as unknown;
    throw new NotImplementedError(`${def.name}.${prop}`);
  },
  set(obj, prop, value) {
    if (typeof prop === "symbol") throw new TypeError("TestHost: symbol properties cannot be set on Office.js objects");
    const def = obj.def;
    if (def.props[prop]) {
      obj.queueSet(prop, value);
      return true;
    }
    if (def.navs[prop] || def.methods[prop] || prop === "items" || prop === "context" || prop === "isNullObject") {
      throw new TypeError(`Cannot set property ${prop} of ${def.name}, which is read-only`);
    }
    throw new NotImplementedError(`${def.name}.${prop} (assignment)`);
  },
  has(obj, prop) {
    if (typeof prop === "symbol") return false;
    return prop in obj.def.props || prop in obj.def.navs || prop in obj.def.methods;
  },
  ownKeys() {
    return [];
  },
  defineProperty() {
    throw new TypeError("TestHost: Office.js objects cannot be extended");
  },
  deleteProperty() {
    throw new TypeError("TestHost: Office.js object properties cannot be deleted");
  },
};

/** Parses every load() form Office.js accepts into one spec tree, rejecting unknown properties. */
export function parseLoadOption(def: TypeDef, option: unknown): LoadSpec {
  const spec = emptySpec();
  const add = (path: string): void => addPath(def, spec, path.trim());
  if (option === undefined || option === null) {
    spec.all = true;
  } else if (typeof option === "string") {
    option.split(",").filter((p) => p.trim() !== "").forEach(add);
  } else if (Array.isArray(option)) {
    for (const p of option) {
      if (typeof p !== "string") throw new TypeError("load() property names must be strings");
      p.split(",").filter((x) => x.trim() !== "").forEach(add);
    }
  } else if (typeof option === "object") {
    const o = option as Record<string, unknown>;
    const optionKeys = ["select", "expand", "$all", "top", "skip", "$top", "$skip"];
    if (Object.keys(o).some((k) => optionKeys.includes(k))) {
      if (o.$all === true) spec.all = true;
      for (const key of ["select", "expand"]) {
        const v = o[key];
        if (typeof v === "string") v.split(",").filter((p) => p.trim() !== "").forEach(add);
        else if (Array.isArray(v)) v.forEach((p) => typeof p === "string" && add(p));
      }
      const top = o.top ?? o.$top;
      const skip = o.skip ?? o.$skip;
      if (typeof top === "number") spec.top = top;
      if (typeof skip === "number") spec.skip = skip;
      if (!o.select && !o.expand && o.$all !== true) spec.all = true;
    } else {
      addObjectForm(def, spec, o);
    }
  } else {
    throw new TypeError(`load() got ${typeof option}`);
  }
  return spec;
}

function emptySpec(): LoadSpec {
  return { all: false, scalars: new Set(), navs: new Map() };
}

function addObjectForm(def: TypeDef, spec: LoadSpec, o: Record<string, unknown>): void {
  const target = def.collection ? def.collection.itemType() : def;
  for (const [k, v] of Object.entries(o)) {
    if (k === "$all") {
      if (v === true) spec.all = true;
      continue;
    }
    if (v === false) continue;
    if (target.props[k]) spec.scalars.add(k);
    else if (target.navs[k]) {
      const childDef = target.navs[k].type();
      const child = spec.navs.get(k) ?? emptySpec();
      if (typeof v === "object" && v !== null) addObjectForm(childDef, child, v as Record<string, unknown>);
      else child.all = true;
      spec.navs.set(k, child);
    } else if (def.collection && k === "items" && typeof v === "object" && v !== null) {
      addObjectForm(target, spec, v as Record<string, unknown>);
    } else throw new NotImplementedError(`${target.name}.${k}`, "in load()");
  }
}

function addPath(def: TypeDef, spec: LoadSpec, path: string): void {
  const segs = path.split("/").filter((s) => s !== "");
  if (segs.length === 0) return;
  let typeDef = def;
  if (def.collection) {
    const first = segs[0];
    if (first !== undefined && def.props[first] && segs.length === 1) {
      spec.scalars.add(first);
      return;
    }
    if (first === "items") segs.shift();
    typeDef = def.collection.itemType();
    if (segs.length === 0) {
      spec.all = true;
      return;
    }
  }
  let cur = spec;
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i] as string;
    if (seg === "*") {
      cur.all = true;
      return;
    }
    if (typeDef.props[seg]) {
      if (i !== segs.length - 1) throw new NotImplementedError(`${typeDef.name}.${seg}/${segs.slice(i + 1).join("/")}`, `${seg} is a scalar property`);
      cur.scalars.add(seg);
      return;
    }
    const nav = typeDef.navs[seg];
    if (!nav) throw new NotImplementedError(`${typeDef.name}.${seg}`, "in load()");
    const child = cur.navs.get(seg) ?? emptySpec();
    cur.navs.set(seg, child);
    typeDef = nav.type();
    if (typeDef.collection) {
      typeDef = typeDef.collection.itemType();
      if (segs[i + 1] === "items") i++;
    }
    if (i === segs.length - 1) {
      child.all = true;
      return;
    }
    cur = child;
  }
}

function describeSpec(spec: LoadSpec): unknown {
  return {
    all: spec.all,
    select: [...spec.scalars],
    expand: Object.fromEntries([...spec.navs].map(([k, v]) => [k, describeSpec(v)])),
  };
}

/** Runs at sync: reads the requested properties now; they reach the object only if the sync succeeds. */
export function snapshot(obj: ClientObject, spec: LoadSpec): LoadResult {
  const target = obj.resolve();
  if (target === null || target === undefined) {
    return { data: null, commit: () => void (obj.isNull = true) };
  }
  const def = obj.def;
  if (def.collection) {
    let list = def.collection.list(obj);
    if (spec.skip !== undefined) list = list.slice(spec.skip);
    if (spec.top !== undefined) list = list.slice(0, spec.top);
    const itemSpec: LoadSpec = { ...spec, scalars: new Set([...spec.scalars].filter((s) => !def.props[s])) };
    const own = [...spec.scalars].filter((s) => def.props[s]);
    const ownValues = own.map((name) => [name, def.props[name]?.get(obj)] as const);
    const snaps = list.map((item) => snapshot(item, itemSpec));
    return {
      data: { items: snaps.map((s) => s.data), ...Object.fromEntries(ownValues) },
      commit: () => {
        obj.isNull = false;
        for (const [k, v] of ownValues) obj.values.set(k, v);
        snaps.forEach((s) => s.commit());
        obj.items = list.map((i) => i.proxy);
      },
    };
  }
  const names = spec.all ? Object.keys(def.props).filter((k) => !def.props[k]?.notInAll) : [];
  for (const s of spec.scalars) if (!names.includes(s)) names.push(s);
  const values: [string, unknown][] = names.map((name) => {
    const prop = def.props[name];
    if (!prop) throw new NotImplementedError(`${def.name}.${name}`);
    return [name, prop.get(obj)];
  });
  const children = [...spec.navs].map(([name, childSpec]) => [name, snapshot(obj.nav(name), childSpec)] as const);
  const data: Record<string, unknown> = Object.fromEntries(values);
  for (const [name, s] of children) data[name] = s.data;
  return {
    data,
    commit: () => {
      obj.isNull = false;
      for (const [k, v] of values) obj.values.set(k, v);
      for (const [, s] of children) s.commit();
    },
  };
}

/** One Excel.run's request context. */
export class Context {
  readonly proxy: object;
  private queue: Op[] = [];
  private closed = false;
  /** True while a sync executes: objects created then (collection items) are not instantiated again. */
  processing = false;
  /** RunOptions.delayForCellEdit of the run this context belongs to. */
  delayForCellEdit = false;
  readonly workbook: ClientObject;
  readonly application: ClientObject;

  constructor(
    readonly host: HostCore,
    makeWorkbook: (ctx: Context) => ClientObject,
    makeApplication: (ctx: Context) => ClientObject,
  ) {
    this.processing = true;
    this.workbook = makeWorkbook(this);
    this.application = makeApplication(this);
    this.processing = false;
    const tracking = (tracked: boolean) => (object: unknown): void => {
      for (const o of Array.isArray(object) ? object : [object]) {
        const c = unwrap(o);
        if (c) c.tracked = tracked;
      }
    };
    const trackedObjects = { add: tracking(true), remove: tracking(false) };
    const self = this;
    const members: Record<string, unknown> = {
      workbook: this.workbook.proxy,
      application: this.application.proxy,
      trackedObjects,
      sync: (passThrough?: unknown) => self.sync(passThrough),
      load: (object: unknown, option?: unknown) => {
        const o = unwrap(object);
        if (!o) throw new TypeError("context.load expects an Office.js object");
        o.queueLoad(option);
        return object;
      },
    };
    this.proxy = new Proxy(members, {
      get(target, prop) {
        if (typeof prop === "symbol") return undefined;
        if (prop in target) return target[prop];
        if (INTROSPECTION.has(prop)) return undefined;
        if (OBJECT_MEMBERS.has(prop)) return Reflect.get(Object.prototype, prop) as unknown;
        throw new NotImplementedError(`RequestContext.${prop}`);
      },
      set(_t, prop) {
        throw new TypeError(`Cannot set RequestContext.${String(prop)}`);
      },
    });
  }

  get engine(): Engine {
    return this.host.engine;
  }

  get pending(): number {
    return this.queue.length;
  }

  enqueue(op: Op): void {
    if (this.closed) throw new RichApiError("InvalidObjectPath", { arg: op.obj.path, detail: "the Excel.run batch that created this object has finished" });
    op.obj.validatePath();
    this.queue.push(op);
  }

  close(): void {
    this.closed = true;
    this.queue = [];
  }

  /** Incremented by every executed batch: objects located by position re-locate in the next one (as Excel re-evaluates object paths per request). */
  generation = 0;

  async sync<T>(passThrough?: T): Promise<T | undefined> {
    if (this.closed) throw new RichApiError("InvalidObjectPath", { arg: "context", detail: "the Excel.run batch has finished" });
    const ops = this.queue;
    this.queue = [];
    // Microsoft's client invalidates the request's "invalid after request" paths before sending it.
    for (const o of ops) o.obj.markRequested();
    const stats = this.host.stats;
    stats.syncs++;
    const injected = this.host.nextSync();
    const counted = ops.filter((o) => o.counted).length;
    const entry: RequestStat = { requestBytes: 0, responseBytes: 0, operations: counted };
    stats.requests.push(entry);
    await Promise.resolve();
    await this.host.files.prepare(ops.filter((o) => o.desc.name === "insertWorksheetsFromBase64").map((o) => (o.desc.payload as unknown[])[0]));
    entry.requestBytes = utf8Length(JSON.stringify(ops.map((o) => o.desc), jsonReplacer));
    if (this.host.blockedByCellEdit(this.delayForCellEdit)) throw new RichApiError("InvalidOperationInCellEditMode", { detail: "a cell is being edited (TestHost.editCell)" });
    const limit = this.host.engine.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    if (entry.requestBytes > limit) {
      entry.refused = "RequestPayloadSizeLimitExceeded";
      throw new RichApiError("RequestPayloadSizeLimitExceeded", { detail: `request of ${entry.requestBytes} bytes (limit ${limit})` });
    }
    const results = this.apply(ops, injected);
    const response = JSON.stringify(results.map((r) => r.data));
    entry.responseBytes = utf8Length(response);
    if (entry.responseBytes > PAYLOAD_LIMIT_BYTES) {
      entry.refused = "ResponsePayloadSizeLimitExceeded";
      throw new RichApiError("ResponsePayloadSizeLimitExceeded", { detail: `response of ${entry.responseBytes} bytes (limit ${PAYLOAD_LIMIT_BYTES})` });
    }
    for (const r of results) r.commit();
    return passThrough;
  }

  /**
   * Applies what is queued, in order, as one batch; the server side of a sync. `injected`: fail
   * after half the counted operations with that code (TestHost.failSync). Used by the double's own
   * sync and by the RichApi executor that serves Microsoft's client (officejs.ts).
   */
  applyQueued(injected?: string): LoadResult[] {
    const ops = this.queue;
    this.queue = [];
    return this.apply(ops, injected);
  }

  /** Drops what is queued (a request the server rejected before applying anything). */
  discardQueued(): void {
    this.queue = [];
  }

  private apply(ops: Op[], injected: string | undefined): LoadResult[] {
    this.generation++;
    // Undo support (undo.ts): a merged undo group refuses a call Excel cannot undo, before anything
    // of the request is applied; outside a group such a call clears the user's undo stack.
    const undoOps = ops.map((o) => ({ typeName: o.obj.def.name, kind: String(o.desc.kind), path: o.obj.path, ...(o.desc.name === undefined ? {} : { name: String(o.desc.name) }) }));
    if (this.host.undo.merge) {
      if (this.engine.quirks.has("undoGroupRefused")) throw new RichApiError("UndoNotSupported", { detail: "merged undo groups are refused (misbehaviour)" });
      const refused = notUndoable(undoOps, this.host.platform);
      if (refused) throw new RichApiError("UndoNotSupported", { detail: `${refused} cannot be undone on ${this.host.platform}, so it cannot be part of a merged undo group (RunOptions.mergeUndoGroup)` });
    }
    if (clearsUndoStack(undoOps, this.host.platform)) this.host.stats.undoCleared++;
    const changes = ops.some((o) => o.desc.kind === "set" || (o.desc.kind === "call" && !VIEW_ONLY_CALLS.has(String(o.desc.name))));
    if (changes) {
      const undo = this.host.undo;
      if (!(undo.merge && undo.counted)) this.host.stats.undoSteps++;
      undo.counted = true;
    }
    if (this.engine.model.readOnly) {
      // A read-only workbook takes no change at all: the whole request is refused.
      const change = ops.find((o) => o.desc.kind === "set" || (o.desc.kind === "call" && !VIEW_ONLY_CALLS.has(String(o.desc.name))));
      if (change) throw new RichApiError("AccessDenied", { detail: `the workbook is read-only (${change.obj.def.name}.${String(change.desc.name)})` });
    }
    const counted = ops.filter((o) => o.counted).length;
    const limit = injected === undefined ? counted : Math.floor(counted / 2);
    const results: LoadResult[] = [];
    this.processing = true;
    // Automatic calculation after the request, unless it suspended calculation (calc.ts).
    this.host.calcSuspended = false;
    try {
      let done = 0;
      let dirty = false;
      for (const op of ops) {
        if (op.counted && done >= limit) break;
        try {
          // A load after a change sees calculated results, unless calculation is suspended (calc.ts).
          if (op.desc.kind === "load" && dirty && !this.host.calcSuspended && !this.host.calcStale) {
            recalculate(this.engine.model);
            dirty = false;
          }
          const r = op.exec();
          if (op.desc.kind === "set" || op.desc.kind === "call") dirty = true;
          if (r) results.push(r);
        } catch (e) {
          if (e instanceof RichApiError) {
            const what = op.desc.kind === "instantiate" ? "" : op.desc.kind === "set" ? `.${String(op.desc.name)} = …` : `.${String(op.desc.name)}(…)`;
            e.debugInfo.statement ??= `${op.obj.path}${what}`;
            e.debugInfo.errorLocation ??= op.desc.kind === "instantiate" ? op.obj.def.name : `${op.obj.def.name}.${String(op.desc.name)}`;
          }
          throw e;
        }
        if (op.counted) done++;
      }
      if (injected !== undefined) {
        throw new RichApiError(injected, { detail: `failure injected by failSync after ${limit} of ${counted} operations` });
      }
    } finally {
      this.processing = false;
      // Changes made with calculation suspended leave the workbook uncalculated until Application.calculate.
      if (changes && this.host.calcSuspended) this.host.calcStale = true;
      if (changes && !this.host.calcSuspended && !this.host.calcStale) recalculate(this.engine.model);
      this.host.calcSuspended = false;
    }
    return results;
  }
}
