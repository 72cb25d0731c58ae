import { weightRowRange } from "../../src/core/rulebook-read";

/**
 * The range Kilder and --json name for a weights row must not depend on the reader's locale: the
 * pane runs in a Danish browser, where the default collation puts »AA« (read as »Å«) after »AZ«.
 */
describe("weightRowRange", () => {
  const original = String.prototype.localeCompare;
  afterEach(() => {
    String.prototype.localeCompare = original;
  });

  it("orders columns as Excel does, also where the default collation is Danish", () => {
    // The pane's situation: every localeCompare without a locale collates as Danish does.
    const danish = new Intl.Collator("da");
    expect(["AZ", "AA"].sort((a, b) => danish.compare(a, b))).toEqual(["AZ", "AA"]);
    String.prototype.localeCompare = function (this: string, that: string) {
      return danish.compare(this, that);
    } as typeof original;
    expect(weightRowRange(["AZ3", "AA3", "AB3"])).toBe("AA3:AZ3");
    expect(weightRowRange(["B3", "AA3", "Z3"])).toBe("B3:AA3");
  });

  it("names one cell once and nothing for no cells", () => {
    expect(weightRowRange(["C3", "C3"])).toBe("C3");
    expect(weightRowRange([])).toBe("");
  });
});
