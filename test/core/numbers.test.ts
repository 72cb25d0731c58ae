import { formatDanish, formatPct, parseNumberText, roundHalfAway } from "../../src/core/numbers";

describe("roundHalfAway", () => {
  it.each([
    [0.5, 1],
    [1.5, 2],
    [2.5, 3],
    [-0.5, -1],
    [-2.5, -3],
    [73.49999, 73],
    [797.2, 797],
    [13.5, 14],
  ])("rounds %p to %p like Excel's display", (v, expected) => {
    expect(roundHalfAway(v)).toBe(expected);
  });

  it("is not fooled by binary representation (2.675 to 2 decimals is 2.68, as Excel shows)", () => {
    expect(roundHalfAway(2.675, 2)).toBe(2.68);
    expect(roundHalfAway(1.005, 2)).toBe(1.01);
  });
});

describe("formatDanish", () => {
  it("groups thousands with dots and uses a decimal comma", () => {
    expect(formatDanish(1048)).toBe("1.048");
    expect(formatDanish(1234567.891, 2)).toBe("1.234.567,89");
    expect(formatDanish(73.54, 1)).toBe("73,5");
    expect(formatDanish(-1048)).toBe("-1.048");
  });
  it("formats percentages as the notat does", () => {
    expect(formatPct(73.54)).toBe("74 pct.");
    expect(formatPct(null)).toBe("–");
  });
});

describe("parseNumberText", () => {
  it.each([
    ["2,84", 2.84],
    ["2.84", 2.84],
    [" 12 ", 12],
    ["1.234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["1.234.567", 1234567],
    ["1,234,567", 1234567],
    ["1 048", 1048],
    ["0,500", 0.5],
    ["12345.678", 12345.678],
    ["-3", -3],
  ])("reads %p as %p", (text, value) => {
    const r = parseNumberText(text);
    expect(r.kind).toBe("number");
    if (r.kind === "number") expect(r.value).toBeCloseTo(value, 10);
  });

  it.each(["1.048", "1,048", "12,500", "999.999"])("refuses %p as ambiguous (thousands or decimals?)", (text) => {
    expect(parseNumberText(text).kind).toBe("ambiguous");
  });

  it.each(["", "abc", "12 pct", "1,2,3", "1.2.3", "--1", "1e5x"])("refuses %p as not a number", (text) => {
    expect(parseNumberText(text).kind).toBe("invalid");
  });
});
