/**
 * Microsoft's own Excel client (`@microsoft/office-js`, excel-web-16.00.debug.js) over the host's
 * workbook model. The client builds RichApi requests (`{Actions, ObjectPaths}`) exactly as in Excel;
 * {@link RichApiExecutor} is the server side: it replays each request on the model through the same
 * type definitions and Excel rules as the double (api.ts, engine.ts), and answers in RichApi's wire
 * format (PascalCase names, `_Items`, `_ReferenceId`, `_Id`). Request and response sizes are the real
 * JSON bytes, and every request counts as a sync, the client's cleanup (`_RemoveReference`) included.
 * Browser-safe: the library itself comes from officejs-source.ts (Node) or a page global.
 */
import { makeApplication, makeWorkbook } from "./api";
import { ClientObject, ClientResult, Context, HostCore, LoadResult, PAYLOAD_LIMIT_BYTES, RequestStat, TypeDef, parseLoadOption, snapshot, unwrap } from "./client";
import { NotImplementedError, RichApiError } from "./errors";

/** What the library's source returns: its two namespaces (typed loosely; SessionBase is not in @types/office-js). */
export interface OfficeJsLibrary {
  OfficeExtension: { SessionBase: new () => object; Error: new (...args: never[]) => Error } & Record<string, unknown>;
  Excel: { run: (...args: unknown[]) => Promise<unknown> } & Record<string, unknown>;
}

let loader: (() => OfficeJsLibrary) | undefined;
let library: OfficeJsLibrary | undefined;

/** Node registers a loader that reads the package (officejs-source.ts); a browser page sets `__JOBSTATUS_OFFICEJS__`. */
export function registerOfficeJsLoader(load: () => OfficeJsLibrary): void {
  loader = load;
}

export function officeJsLibrary(): OfficeJsLibrary {
  if (library) return library;
  const fromPage = (globalThis as { __JOBSTATUS_OFFICEJS__?: OfficeJsLibrary }).__JOBSTATUS_OFFICEJS__;
  library = fromPage ?? loader?.();
  if (!library) throw new Error("TestHost: Microsoft's Office.js client is not loaded (officejs-source.ts in Node, __JOBSTATUS_OFFICEJS__ in a page)");
  return library;
}

/** Which client the tests drive: the double's own ("double") or Microsoft's ("officejs"). */
export type ClientKind = "double" | "officejs";

/** JOBSTATUS_CLIENT=officejs (jest's officejs project sets it), or a page's `__JOBSTATUS_CLIENT__`. */
export function defaultClient(): ClientKind {
  const g = globalThis as { __JOBSTATUS_CLIENT__?: unknown; process?: { env?: Record<string, string | undefined> } };
  const v = g.__JOBSTATUS_CLIENT__ ?? g.process?.env?.JOBSTATUS_CLIENT;
  return v === "officejs" ? "officejs" : "double";
}

// ------------------------------------------------------------------ RichApi wire format

interface ArgumentInfo {
  Arguments?: unknown[];
  ReferencedObjectPathIds?: number[];
}
interface ObjectPathInfo {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: ArgumentInfo;
}
interface ActionInfo {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: ArgumentInfo;
  QueryInfo?: { Select?: string[]; Expand?: string[]; Top?: number; Skip?: number };
}
export interface RichApiRequest {
  Actions: ActionInfo[];
  ObjectPaths: Record<string, ObjectPathInfo>;
}
interface RichApiError_ {
  Code: string;
  Message: string;
  Location?: string;
  HttpStatusCode: number;
}
export interface RichApiResponse {
  HttpStatusCode: number;
  ErrorCode: string;
  ErrorMessage: string;
  Headers: Record<string, string>;
  Body: { Results: { ActionId: number; Value: unknown }[]; Error?: RichApiError_ };
}

const ObjectPathType = { globalObject: 1, newObject: 2, method: 3, property: 4, indexer: 5, referenceId: 6 } as const;
const ActionType = { instantiate: 1, query: 2, method: 3, setProperty: 4, trace: 5 } as const;

const camel = (name: string): string => name.charAt(0).toLowerCase() + name.slice(1);
/**
 * Properties whose RichApi name is not the JavaScript name (the client's custom setters in
 * excel-web-16.00.debug.js, e.g. Worksheet_ShowGridlines_Set sends "Gridlines").
 */
const WIRE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Worksheet: { Gridlines: "showGridlines", Headings: "showHeadings" },
};
const jsName = (type: string, wire: string): string => WIRE_ALIASES[type]?.[wire] ?? camel(wire);
const pascal = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);
const utf8Length = (s: string): number => new TextEncoder().encode(s).length;

/** The private id Excel sends with an object that has one, so the client can address it in a later request. */
function privateId(obj: ClientObject): string | undefined {
  let t: { id?: unknown; name?: unknown } | null;
  try {
    t = obj.resolve() as { id?: unknown; name?: unknown } | null;
  } catch {
    return undefined; // deleted in this request
  }
  if (!t) return undefined;
  switch (obj.def.name) {
    case "Worksheet":
      return String(t.id);
    case "NamedItem":
      return String(t.name);
    case "ConditionalFormat":
      return String(obj.def.props.id?.get(obj));
    default:
      return undefined;
  }
}

/** A load result (camelCase, `items`) in RichApi's form (PascalCase, `_Items`, `_Id`). */
function toWire(obj: ClientObject, def: TypeDef, data: unknown, items?: readonly unknown[]): unknown {
  if (data === null || typeof data !== "object") return data;
  const out: Record<string, unknown> = {};
  const d = data as Record<string, unknown>;
  for (const [k, v] of Object.entries(d)) {
    if (k === "items" && def.collection) {
      const list = (items ?? []) as object[];
      out._Items = (v as unknown[]).map((item, i) => {
        const child = unwrap(list[i]);
        const itemDef = def.collection?.itemType() as TypeDef;
        const wire = child ? (toWire(child, itemDef, item) as Record<string, unknown> | null) : item;
        const id = child ? privateId(child) : undefined;
        return wire && id !== undefined ? { ...wire, _Id: id } : wire;
      });
    } else if (def.navs[k]) {
      const child = obj.nav(k);
      out[pascal(k)] = toWire(child, child.def, v, child.items);
    } else out[pascal(k)] = v;
  }
  return out;
}

type Pending =
  | { kind: "instantiate"; id: number; obj: ClientObject }
  | { kind: "query"; id: number; wire?: unknown }
  | { kind: "result"; id: number; result: ClientResult<unknown> };

/**
 * The server side of Microsoft's client over the host's model. One executor is one Excel session:
 * references kept with `_KeepReference` live here until the client's `_RemoveReference`.
 */
export class RichApiExecutor {
  private readonly ctx: Context;
  private readonly refs = new Map<string, ClientObject>();
  private readonly refOf = new Map<ClientObject, string>();
  private nextRef = 1;

  constructor(private readonly core: HostCore) {
    this.ctx = new Context(core, makeWorkbook, makeApplication);
  }

  /** Kept references not yet removed (a finished run leaves none). */
  get liveReferences(): number {
    return this.refs.size;
  }

  /** Decodes the files the request's insertWorksheetsFromBase64 calls carry (Excel parses them on its side). */
  prepare(body: RichApiRequest): Promise<void> {
    const files = body.Actions.filter((a) => a.ActionType === ActionType.method && a.Name === "InsertWorksheetsFromBase64").map((a) => a.ArgumentInfo?.Arguments?.[0]);
    return this.core.files.prepare(files);
  }

  /** `flags`: the request flags; 64 is RunOptions.delayForCellEdit. */
  execute(body: RichApiRequest, flags = 0): RichApiResponse {
    const stats = this.core.stats;
    stats.syncs++;
    const injected = this.core.nextSync();
    const entry: RequestStat = { requestBytes: utf8Length(JSON.stringify(body)), responseBytes: 0, operations: 0 };
    stats.requests.push(entry);
    const limit = this.core.engine.requestLimitBytes ?? PAYLOAD_LIMIT_BYTES;
    if (entry.requestBytes > limit) {
      entry.refused = "RequestPayloadSizeLimitExceeded";
      return this.error(new RichApiError("RequestPayloadSizeLimitExceeded", { detail: `request of ${entry.requestBytes} bytes (limit ${limit})` }));
    }
    if (this.core.blockedByCellEdit((flags & 64) !== 0)) {
      return this.error(new RichApiError("InvalidOperationInCellEditMode", { detail: "a cell is being edited (TestHost.editCell)" }));
    }
    const objects = new Map<number, ClientObject>();
    const pending: Pending[] = [];
    let results: LoadResult[];
    try {
      for (const action of body.Actions) {
        const obj = this.objectFor(body, action.ObjectPathId, objects);
        switch (action.ActionType) {
          case ActionType.instantiate:
            pending.push({ kind: "instantiate", id: action.Id, obj });
            break;
          case ActionType.query:
            entry.operations++;
            this.query(action, obj, pending);
            break;
          case ActionType.method:
            entry.operations++;
            this.method(body, action, obj, objects, pending);
            break;
          case ActionType.setProperty:
            entry.operations++;
            obj.queueSet(jsName(obj.def.name, action.Name), action.ArgumentInfo?.Arguments?.[0]);
            break;
          case ActionType.trace:
            break;
          default:
            throw new NotImplementedError(`RichApi action type ${action.ActionType} (${action.Name})`);
        }
      }
      results = this.ctx.applyQueued(injected);
    } catch (e) {
      this.ctx.discardQueued();
      if (e instanceof RichApiError) return this.error(e);
      throw e;
    }
    for (const r of results) r.commit();
    const out: { ActionId: number; Value: unknown }[] = [];
    for (const p of pending) {
      if (p.kind === "instantiate") out.push({ ActionId: p.id, Value: this.instantiated(p.obj) });
      else if (p.kind === "query") out.push({ ActionId: p.id, Value: p.wire ?? null });
      else out.push({ ActionId: p.id, Value: p.result.toJSON() ?? null });
    }
    const response = this.response(out);
    entry.responseBytes = utf8Length(JSON.stringify(response.Body));
    if (entry.responseBytes > PAYLOAD_LIMIT_BYTES) {
      // Writes in that request stay applied, as in Excel on the web.
      entry.refused = "ResponsePayloadSizeLimitExceeded";
      return this.error(new RichApiError("ResponsePayloadSizeLimitExceeded", { detail: `response of ${entry.responseBytes} bytes (limit ${PAYLOAD_LIMIT_BYTES})` }));
    }
    return response;
  }

  private instantiated(obj: ClientObject): unknown {
    if (obj.isNull === true) return null;
    const ref = this.refOf.get(obj);
    const id = privateId(obj);
    return { ...(ref !== undefined ? { _ReferenceId: ref } : {}), ...(id !== undefined ? { _Id: id } : {}) };
  }

  private query(action: ActionInfo, obj: ClientObject, pending: Pending[]): void {
    const q = action.QueryInfo ?? {};
    const select = q.Select ?? [];
    const expand = q.Expand ?? [];
    const option =
      select.length === 0 && expand.length === 0 && q.Top === undefined && q.Skip === undefined
        ? undefined
        : { select: select.join(","), expand: expand.join(","), ...(select.length === 0 && expand.length === 0 ? { $all: true } : {}), ...(q.Top !== undefined ? { top: q.Top } : {}), ...(q.Skip !== undefined ? { skip: q.Skip } : {}) };
    const spec = parseLoadOption(obj.def, option);
    const p: { kind: "query"; id: number; wire?: unknown } = { kind: "query", id: action.Id };
    pending.push(p);
    obj.enqueue("load", "load", {}, () => {
      const r = snapshot(obj, spec);
      // The answer is what the objects are at this point of the request (positions included).
      r.commit();
      p.wire = obj.isNull ? null : toWire(obj, obj.def, r.data, obj.items);
      return r;
    });
  }

  private method(body: RichApiRequest, action: ActionInfo, obj: ClientObject, objects: Map<number, ClientObject>, pending: Pending[]): void {
    const args = this.args(body, action.ArgumentInfo, objects);
    if (action.Name === "_KeepReference") {
      if (!this.refOf.has(obj)) {
        const ref = `ref${this.nextRef++}`;
        this.refs.set(ref, obj);
        this.refOf.set(obj, ref);
      }
      return;
    }
    if (action.Name === "_RemoveReference") {
      for (const ref of args) {
        const o = this.refs.get(String(ref));
        if (o) this.refOf.delete(o);
        this.refs.delete(String(ref));
      }
      return;
    }
    const m = obj.def.methods[camel(action.Name)];
    if (!m) throw new NotImplementedError(`${obj.def.name}.${camel(action.Name)}`);
    const ret = m(obj, args);
    if (ret instanceof ClientResult) pending.push({ kind: "result", id: action.Id, result: ret as ClientResult<unknown> });
  }

  private args(body: RichApiRequest, info: ArgumentInfo | undefined, objects: Map<number, ClientObject>): unknown[] {
    const args = [...(info?.Arguments ?? [])];
    (info?.ReferencedObjectPathIds ?? []).forEach((id, i) => {
      if (id) args[i] = this.objectFor(body, id, objects).proxy;
    });
    return args;
  }

  /** The host object an object path names, created at its first use in this request (so positions are evaluated then). */
  private objectFor(body: RichApiRequest, id: number, objects: Map<number, ClientObject>): ClientObject {
    const known = objects.get(id);
    if (known) return known;
    const info = body.ObjectPaths[String(id)];
    if (!info) throw new RichApiError("InvalidObjectPath", { arg: String(id), detail: `object path ${id} is not in the request` });
    let obj: ClientObject;
    const parent = (): ClientObject => this.objectFor(body, info.ParentObjectPathId as number, objects);
    switch (info.ObjectPathType) {
      case ObjectPathType.globalObject:
        obj = this.ctx.workbook;
        break;
      case ObjectPathType.referenceId: {
        const ref = this.refs.get(info.Name);
        if (!ref) throw new RichApiError("InvalidObjectPath", { arg: info.Name, detail: `reference ${info.Name} was removed or never kept` });
        obj = ref;
        break;
      }
      case ObjectPathType.property:
        obj = parent().nav(camel(info.Name));
        break;
      case ObjectPathType.method:
      case ObjectPathType.indexer: {
        const p = parent();
        const name = info.ObjectPathType === ObjectPathType.indexer ? "getItem" : camel(info.Name);
        const m = p.def.methods[name];
        if (!m) throw new NotImplementedError(`${p.def.name}.${name}`);
        const ret = unwrap(m(p, this.args(body, info.ArgumentInfo, objects)));
        // A method the host models as a plain call (PageBreakCollection.add) returns an object in
        // Office.js; the client instantiates it, so it gets an object with nothing to read.
        obj = ret ?? p.child({ name: `${p.def.name}.${name}()`, props: {}, navs: {}, methods: {} }, `.${name}()`, () => p.resolve());
        break;
      }
      default:
        throw new NotImplementedError(`RichApi object path type ${info.ObjectPathType}`);
    }
    objects.set(id, obj);
    return obj;
  }

  private response(results: { ActionId: number; Value: unknown }[]): RichApiResponse {
    return { HttpStatusCode: 200, ErrorCode: "", ErrorMessage: "", Headers: {}, Body: { Results: results } };
  }

  private error(e: RichApiError): RichApiResponse {
    const location = e.debugInfo.errorLocation;
    return {
      HttpStatusCode: 200,
      ErrorCode: "",
      ErrorMessage: "",
      Headers: {},
      Body: { Results: [], Error: { Code: e.code, Message: e.message, HttpStatusCode: e.httpStatusCode, ...(location !== undefined ? { Location: location } : {}) } },
    };
  }
}

/** A session of Microsoft's client whose requests go to `executor` (Excel.run(session, batch), or SessionBase._overrideSession). */
export function officeJsSession(lib: OfficeJsLibrary, executor: RichApiExecutor): object {
  const Base = lib.OfficeExtension.SessionBase;
  class HostSession extends Base {
    _resolveRequestUrlAndHeaderInfo(): Promise<{ url: string; headers: Record<string, string> }> {
      return Promise.resolve({ url: "https://testhost.invalid/richapi", headers: {} });
    }
    _createRequestExecutorOrNull(): { executeAsync(customData: unknown, flags: number, message: { Body: RichApiRequest }): Promise<RichApiResponse> } {
      return {
        executeAsync: (_customData, flags, message) => {
          // A request is answered asynchronously, as over the wire.
          return Promise.resolve()
            .then(() => executor.prepare(message.Body))
            .then(() => executor.execute(message.Body, flags));
        },
      };
    }
  }
  return new HostSession();
}
