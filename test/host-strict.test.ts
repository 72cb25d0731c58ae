/**
 * The test host behaves like Excel where it matters for correctness: proxies, load/sync, batching,
 * Excel's validation rules, payload limits and partial failure.
 */
import { PAYLOAD_LIMIT_BYTES } from "./host/client";
import { NotImplementedError } from "./host/errors";
import { createHost } from "./host/host";
import { expectRichApiError, rejectionOf, thrownBy } from "./host/jest-helpers";

describe("proxy objects, load and sync", () => {
  test("reading a property that was not loaded throws PropertyNotLoaded shaped like Office.js", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      const err = expectRichApiError(thrownBy(() => range.values), "PropertyNotLoaded");
      expect(err.message).toContain("'values'");
      expect(err.debugInfo.errorLocation).toBe("Range.values");
      await ctx.sync();
      // sync alone loads nothing
      expectRichApiError(thrownBy(() => range.address), "PropertyNotLoaded");
    });
  });

  test("load without sync is not enough; load then sync is", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("B2:C3");
      const same = range.load("address,rowCount");
      expect(same).toBe(range);
      expectRichApiError(thrownBy(() => range.address), "PropertyNotLoaded");
      await ctx.sync();
      expect(range.address).toBe("Sheet1!B2:C3");
      expect(range.rowCount).toBe(2);
      expectRichApiError(thrownBy(() => range.columnCount), "PropertyNotLoaded");
    });
  });

  test("load accepts a string array, collection paths and the object forms", async () => {
    const host = createHost({ sheets: ["A", "B"] });
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      expectRichApiError(thrownBy(() => sheets.items), "PropertyNotLoaded");
      sheets.load("items/name,items/visibility");
      const r1 = sheets.getItem("A").getRange("A1").load(["values", "numberFormat"]);
      const r2 = sheets.getItem("A").getRange("A2").load({ select: "address", expand: "format/font" });
      const r3 = sheets.getItem("A").getRange("A3").load({ values: true, format: { fill: { color: true } } });
      await ctx.sync();
      expect(sheets.items.map((s) => [s.name, s.visibility])).toEqual([["A", "Visible"], ["B", "Visible"]]);
      expectRichApiError(thrownBy(() => sheets.items[0]?.position), "PropertyNotLoaded");
      expect(r1.values).toEqual([[""]]);
      expect(r1.numberFormat).toEqual([["General"]]);
      expect(r2.address).toBe("A!A2");
      expect(r2.format.font.bold).toBe(false);
      expect(r2.format.font.name).toBe("Calibri");
      expect(r3.values).toEqual([[""]]);
      expect(r3.format.fill.color).toBe("#FFFFFF");
      expectRichApiError(thrownBy(() => r3.format.font.bold), "PropertyNotLoaded");
    });
  });

  test("loaded values are snapshots as of the sync", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1");
      range.values = [[1]];
      range.load("values");
      await ctx.sync();
      range.values = [[2]];
      await ctx.sync();
      const again = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("values");
      await ctx.sync();
      expect(again.values).toEqual([[2]]);
      // the first proxy still holds what Office.js would hold: the last value loaded or set on it
      expect(range.values).toEqual([[2]]);
    });
  });

  test("isNullObject: PropertyNotLoaded before sync, then true for *OrNullObject misses and false otherwise", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const missing = ctx.workbook.worksheets.getItemOrNullObject("Nope");
      const present = ctx.workbook.worksheets.getItemOrNullObject("sheet1");
      expectRichApiError(thrownBy(() => missing.isNullObject), "PropertyNotLoaded");
      await ctx.sync();
      expect(missing.isNullObject).toBe(true);
      expect(present.isNullObject).toBe(false);
      present.load("name");
      missing.load("name");
      await ctx.sync();
      expect(present.name).toBe("Sheet1");
      // a null object's properties read as undefined, as in Office.js
      expect(missing.name).toBeUndefined();
    });
  });

  test("unknown members and load paths throw a clear TestHost error instead of returning undefined", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1") as unknown as Record<string, unknown>;
      const e = thrownBy(() => range.style);
      expect(e).toBeInstanceOf(NotImplementedError);
      expect((e as Error).message).toBe("TestHost: Range.style is not implemented");
      expect(thrownBy(() => (range.load as (p: string) => void)("valuez"))).toBeInstanceOf(NotImplementedError);
      expect(thrownBy(() => ((range.format as Record<string, unknown>).fill as Record<string, unknown>).colour = "red")).toBeInstanceOf(NotImplementedError);
      expect(thrownBy(() => ctx.workbook.worksheets.getItem("Sheet1").charts)).toBeInstanceOf(NotImplementedError);
      // await on a proxy must not mistake it for a promise
      expect(range.then).toBeUndefined();
      await ctx.sync();
    });
  });

  test("read-only properties cannot be assigned", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1") as unknown as Record<string, unknown>;
      expect(thrownBy(() => (range.address = "B2"))).toBeInstanceOf(TypeError);
      await ctx.sync();
    });
  });

  test("objects cannot be used after their Excel.run finished; a batch must return a promise", async () => {
    const host = createHost();
    const range = await host.run(async (ctx) => {
      const r = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").load("address");
      await ctx.sync();
      return r;
    });
    expect(range.address).toBe("Sheet1!A1");
    expectRichApiError(thrownBy(() => range.load("values")), "InvalidObjectPath");
    expectRichApiError(thrownBy(() => (range.values = [[1]])), "InvalidObjectPath");
    const notAPromise = (() => undefined) as unknown as (ctx: Excel.RequestContext) => Promise<void>;
    expectRichApiError(await rejectionOf(host.run(notAPromise)), "RunMustReturnPromise");
  });
});

describe("batching", () => {
  test("queued writes are invisible before sync and applied at sync, in order", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const range = sheet.getRange("A1:B1");
      range.values = [[1, 2]];
      range.format.font.bold = true;
      expect(host.cell("Sheet1", "A1")).toBeUndefined();
      await ctx.sync();
      expect(host.cell("Sheet1", "A1")).toEqual({ v: 1, s: { bold: true } });
      expect(host.cell("Sheet1", "B1")?.v).toBe(2);
    });
  });

  test("a load sees the writes queued before it and not those after it", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["first"]];
      const before = sheet.getRange("A1").load("values");
      sheet.getRange("A1").values = [["second"]];
      const after = sheet.getRange("A1").load("values");
      await ctx.sync();
      expect(before.values).toEqual([["first"]]);
      expect(after.values).toEqual([["second"]]);
    });
  });

  test("Excel.run sends operations still queued when the batch returns", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange("C3").values = [[42]];
    });
    expect(host.cell("Sheet1", "C3")?.v).toBe(42);
    expect(host.stats.syncs).toBe(1);
  });

  test("an error mid-batch keeps earlier operations, drops later ones and leaves the context usable", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [["kept"]];
      sheet.getRange("A2:B2").values = [[1]]; // wrong shape
      sheet.getRange("A3").values = [["dropped"]];
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      expect(host.cell("Sheet1", "A1")?.v).toBe("kept");
      expect(host.cell("Sheet1", "A3")).toBeUndefined();
      sheet.getRange("A4").values = [["later"]];
      await ctx.sync();
      expect(host.cell("Sheet1", "A4")?.v).toBe("later");
    });
  });
});

describe("Excel's rules", () => {
  test("2-D arrays must match the range; a scalar fills it; null input is invalid for the whole property", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      const range = sheet.getRange("A1:B2");
      for (const bad of [[[1, 2]], [[1], [2]], [[1, 2], [3]], [[1, 2, 3], [4, 5, 6]]]) {
        range.values = bad;
        expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      }
      range.numberFormat = [["0"]];
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      range.values = null as unknown as unknown[][];
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      range.values = 7 as unknown as unknown[][];
      range.numberFormat = "0.00" as unknown as unknown[][];
      range.load("values,numberFormat");
      await ctx.sync();
      expect(range.values).toEqual([[7, 7], [7, 7]]);
      expect(range.numberFormat).toEqual([["0.00", "0.00"], ["0.00", "0.00"]]);
    });
  });

  test("null inside a 2-D array leaves that cell unchanged and an empty string clears it", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      range.values = [[1, 2, 3]];
      range.values = [[null, "", 9]];
      range.load("values,valueTypes");
      await ctx.sync();
      expect(range.values).toEqual([[1, "", 9]]);
      expect(range.valueTypes).toEqual([["Double", "Empty", "Double"]]);
    });
  });

  test("strings starting with = become formulas; a leading apostrophe stores literal text", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:C1");
      range.values = [["=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")", "'0042"]];
      range.load("values,formulas,valueTypes");
      await ctx.sync();
      expect(host.cell("Sheet1", "A1")).toEqual({ f: '=HYPERLINK("http://x")' });
      expect(host.cell("Sheet1", "B1")).toEqual({ v: '=HYPERLINK("http://x")' });
      expect(range.formulas).toEqual([['=HYPERLINK("http://x")', '=HYPERLINK("http://x")', "0042"]]);
      expect(range.valueTypes[0]?.[1]).toBe("String");
      expect(range.values[0]?.[2]).toBe("0042");
    });
  });

  test("numeric and boolean text is converted as Excel does, unless the cell is formatted as text", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("B1").numberFormat = [["@"]];
      const range = sheet.getRange("A1:B1");
      range.values = [["0042", "0042"]];
      const flags = sheet.getRange("C1:D1");
      flags.values = [["TRUE", "#N/A"]];
      range.load("values,valueTypes");
      flags.load("values,valueTypes");
      await ctx.sync();
      expect(range.values).toEqual([[42, "0042"]]);
      expect(flags.values).toEqual([[true, "#N/A"]]);
      expect(flags.valueTypes).toEqual([["Boolean", "Error"]]);
    });
  });

  test("worksheets.add and Worksheet.name enforce Excel's sheet-name rules", async () => {
    const host = createHost({ sheets: ["Status 2025"] });
    await host.run(async (ctx) => {
      const sheets = ctx.workbook.worksheets;
      sheets.add("x".repeat(31));
      await ctx.sync();
      const invalid = ["x".repeat(32), "", "a/b", "a\\b", "a?b", "a*b", "a[b", "a]b", "a:b", "'quoted", "quoted'", "History"];
      for (const name of invalid) {
        sheets.add(name);
        expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      }
      sheets.add("STATUS 2025");
      expectRichApiError(await rejectionOf(ctx.sync()), "ItemAlreadyExists");
      const other = sheets.add("Other");
      await ctx.sync();
      other.name = "status 2025";
      expectRichApiError(await rejectionOf(ctx.sync()), "ItemAlreadyExists");
      other.name = "Bad:Name";
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      other.name = "OTHER";
      sheets.load("items/name");
      await ctx.sync();
      expect(sheets.items.map((s) => s.name)).toEqual(["Status 2025", "x".repeat(31), "OTHER"]);
    });
  });

  test("getItem is case-insensitive and fails with ItemNotFound at sync for an unknown name", async () => {
    const host = createHost({ sheets: ["BUF"] });
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("buf").load("name");
      await ctx.sync();
      expect(sheet.name).toBe("BUF");
      ctx.workbook.worksheets.getItem("Nope");
      expectRichApiError(await rejectionOf(ctx.sync()), "ItemNotFound");
    });
  });

  test("the last visible sheet can be neither deleted nor hidden", async () => {
    const host = createHost({ sheets: ["A", "B"] });
    await host.run(async (ctx) => {
      const a = ctx.workbook.worksheets.getItem("A");
      const b = ctx.workbook.worksheets.getItem("B");
      b.visibility = "Hidden";
      await ctx.sync();
      a.delete();
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidOperation");
      a.visibility = "VeryHidden";
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidOperation");
      b.delete();
      await ctx.sync();
    });
    expect(host.model.sheets.map((s) => s.name)).toEqual(["A"]);
  });

  test("invalid addresses and property values are InvalidArgument", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A0");
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      const range = sheet.getRange("A1");
      range.format.horizontalAlignment = "Middle" as Excel.HorizontalAlignment;
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      range.format.fill.color = "not a colour";
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
      range.format.font.bold = "yes" as unknown as boolean;
      expectRichApiError(await rejectionOf(ctx.sync()), "InvalidArgument");
    });
  });
});

describe("counting and payload", () => {
  test("counts syncs and measures request and response bytes; resetStats zeroes them", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:B2");
      range.values = [["a", "b"], ["c", "d"]];
      await ctx.sync();
      range.load("values");
      await ctx.sync();
      await ctx.sync();
    });
    expect(host.stats.syncs).toBe(3);
    expect(host.stats.runs).toBe(1);
    expect(host.stats.requests).toHaveLength(3);
    const [write, read, empty] = host.stats.requests;
    expect(write?.operations).toBe(1);
    expect(write?.requestBytes).toBeGreaterThan(JSON.stringify([["a", "b"], ["c", "d"]]).length);
    expect(read?.responseBytes).toBeGreaterThanOrEqual(JSON.stringify([["a", "b"], ["c", "d"]]).length);
    expect(empty).toEqual({ requestBytes: 2, responseBytes: 2, operations: 0 });
    host.resetStats();
    expect(host.stats).toEqual({ syncs: 0, requests: [], runs: 0, suspendCalc: 0, suspendScreen: 0, undoSteps: 0, calculations: 0, undoCleared: 0 });
  });

  test("a request over 5 MB fails with RequestPayloadSizeLimitExceeded and applies nothing", async () => {
    const host = createHost();
    const row = Array.from({ length: 10 }, () => "x".repeat(1000));
    const values = Array.from({ length: 600 }, () => row); // about 6 MB of JSON
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("Z1").values = [["before"]];
      sheet.getRange("A1:J600").values = values;
      const err = await rejectionOf(ctx.sync());
      expectRichApiError(err, "RequestPayloadSizeLimitExceeded");
    });
    expect(host.stats.requests[0]?.requestBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(host.cell("Sheet1", "Z1")).toBeUndefined();
    expect(host.cell("Sheet1", "A1")).toBeUndefined();
  });

  test("the same data written in chunks under 5 MB succeeds", async () => {
    const host = createHost();
    const row = Array.from({ length: 10 }, () => "x".repeat(1000));
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      for (let start = 0; start < 600; start += 300) {
        sheet.getRangeByIndexes(start, 0, 300, 10).values = Array.from({ length: 300 }, () => row);
        await ctx.sync();
      }
    });
    expect(host.stats.requests.every((r) => r.requestBytes <= PAYLOAD_LIMIT_BYTES)).toBe(true);
    expect(host.cell("Sheet1", "J600")?.v).toBe("x".repeat(1000));
  });

  test("a response over 5 MB fails with ResponsePayloadSizeLimitExceeded", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1:J1000").values = "y".repeat(600) as unknown as unknown[][]; // a scalar fills the range: small request
      await ctx.sync();
      const range = sheet.getRange("A1:J1000").load("values");
      expectRichApiError(await rejectionOf(ctx.sync()), "ResponsePayloadSizeLimitExceeded");
      expectRichApiError(thrownBy(() => range.values), "PropertyNotLoaded");
    });
    expect(host.stats.requests[0]?.requestBytes).toBeLessThan(2000);
    expect(host.stats.requests[1]?.responseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
  });

  test("reading the values of a whole sheet fails without materialising it", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("Sheet1").getRange().load("values");
      expectRichApiError(await rejectionOf(ctx.sync()), "ResponsePayloadSizeLimitExceeded");
    });
  });

  test("suspendApiCalculationUntilNextSync and suspendScreenUpdatingUntilNextSync are counted", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      ctx.application.suspendApiCalculationUntilNextSync();
      ctx.workbook.application.suspendScreenUpdatingUntilNextSync();
      await ctx.sync();
    });
    expect(host.stats.suspendCalc).toBe(1);
    expect(host.stats.suspendScreen).toBe(1);
  });
});

describe("failure injection", () => {
  test("failSync applies the first half of the operations, fails the sync and leaves the workbook usable", async () => {
    const host = createHost();
    host.failSync(2, "GeneralException");
    await host.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem("Sheet1");
      sheet.getRange("A1").values = [[0]];
      await ctx.sync(); // sync 1 succeeds
      for (let i = 1; i <= 4; i++) sheet.getRange(`A${i}`).values = [[i]];
      const err = expectRichApiError(await rejectionOf(ctx.sync()), "GeneralException");
      expect(err.debugInfo.testHostDetail).toContain("failSync");
    });
    expect(host.toJSON().sheets[0]?.cells).toEqual({ A1: { v: 1 }, A2: { v: 2 } });
    await host.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem("Sheet1").getRange("A1:A4");
      range.values = [[10], [20], [30], [40]];
      range.load("values");
      await ctx.sync();
      expect(range.values).toEqual([[10], [20], [30], [40]]);
    });
  });

  test("failSync takes any error code and counts syncs from now", async () => {
    const host = createHost();
    await host.run(async (ctx) => {
      await ctx.sync();
    });
    host.failSync(1, "RequestAborted");
    const err = await rejectionOf(
      host.run(async (ctx) => {
        ctx.workbook.worksheets.getItem("Sheet1").getRange("A1").values = [[1]];
        await ctx.sync();
      }),
    );
    expectRichApiError(err, "RequestAborted");
    expect(host.cell("Sheet1", "A1")).toBeUndefined();
  });
});
