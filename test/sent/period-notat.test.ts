/**
 * The period is one value, and every output says it (issue 19, items 1 and 2): with »Sidste måned:
 * juni« the status sheet, Kilder, the Word notat and --json all say »januar–juni 2025«, never »2025«
 * alone; and a part year is compared with last year only like with like. Through the CLI (`beregn
 * --json`, `beregn -o`, `notat`) and the add-in (»Beregn status« and »Download notat (Word)« on the test host).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { promises as fs } from "node:fs";
import * as path from "node:path";
import type { StatusJson } from "../../src/core/json";
import { blockText, buildNotat, type NotatLayout } from "../../src/core/notat";
import { notatSettingsOf } from "../../src/core/notat";
import { calculateStatus, newSession } from "../../src/office/operations";
import { readWorkbookForNotat } from "../../src/office/notat";
import { createHost, loadXlsx, saveXlsx } from "../host";
import { hostEnv } from "../addin/fixtures";
import { readXlsx, runCli, tempDir } from "../support/cli";
import { cleanWorkbook, putRows } from "./helpers";

const TODAY = { year: 2025, month: 7, day: 15 };

/** Last year's KK sheet; `month` adds »Sidste måned« to it (its figures then cover January–month). */
function previousSheet(wb: ExcelJS.Workbook, month?: string): void {
  putRows(wb.addWorksheet("Forrige år"), [
    ["Forvaltning", "KK"],
    ["År", 2024],
    month === undefined ? [] : ["Sidste måned", month],
    ["Ordning", "Status", "Antal forløb", "Måltal"],
    ["Løntilskud", 20, 30, 80],
    ["Virksomhedspraktik", 50, 140],
    ["Småjob", 3, 9],
    ["Fleksjob", 60, null, 70],
  ]);
}

function workbook(lastMonth: string | undefined, previous: "none" | "whole" | "juni"): ExcelJS.Workbook {
  return cleanWorkbook((w) => {
    putRows(w.addWorksheet("Indstillinger"), [["År", "Samlet", "Fleksjob", "Fritidsjob"], [2024, 55, 45, 0], [2025, 51, 43, 6], [], ...(lastMonth ? [["Sidste måned", lastMonth]] : [])]);
    if (previous !== "none") previousSheet(w, previous === "juni" ? "juni" : undefined);
  });
}

interface Outputs {
  json: StatusJson;
  /** Column A of the status sheet the CLI wrote, and of the one the add-in wrote. */
  cliSheet: string[];
  addinSheet: string[];
  kilderTitle: string;
  /** The notat's paragraphs, headings and table cells, as the CLI's .docx holds them. */
  cliNotat: string;
  /** The add-in's notat layout (»Download notat (Word)«), as text. */
  addinNotat: string;
}

function columnA(ws: ExcelJS.Worksheet | undefined): string[] {
  const out: string[] = [];
  ws?.eachRow((row) => row.eachCell((c) => void (typeof c.value === "string" ? out.push(c.value) : undefined)));
  return out;
}

function layoutText(n: NotatLayout): string {
  return n.blocks
    .flatMap((b) => (b.kind === "table" ? b.rows.flatMap((r) => r.flatMap((c) => (c ? [c.text] : []))) : b.kind === "bullets" ? b.items : [blockText(b)]))
    .join("\n");
}

async function outputs(wb: ExcelJS.Workbook): Promise<Outputs> {
  const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
  const dir = await tempDir();
  try {
    const file = path.join(dir, "status.xlsx");
    await fs.writeFile(file, bytes);
    const json = JSON.parse((await runCli("beregn", file, "--json")).stdout) as StatusJson;
    const out = path.join(dir, "ud.xlsx");
    expect((await runCli("beregn", file, "-o", out)).code).toBe(0);
    const written = await readXlsx(out);
    const notatFile = path.join(dir, "notat.docx");
    const notatRun = await runCli("notat", file, "-o", notatFile);
    expect(notatRun.code).toBe(0);
    const zip = await JSZip.loadAsync(await fs.readFile(notatFile));
    const xml = (await zip.file("word/document.xml")?.async("string")) ?? "";
    const cliNotat = xml.replace(/<\/w:p>/g, "\n").replace(/<[^>]+>/g, "");

    const host = createHost(await loadXlsx(bytes));
    const env = hostEnv(host);
    expect((await calculateStatus(env, newSession())).written).toBe("Status 2025");
    const saved = new ExcelJS.Workbook();
    await saved.xlsx.load((await saveXlsx(host)) as unknown as ExcelJS.Buffer);
    const { calculate } = await import("../../src/core");
    const grid = await readWorkbookForNotat(env, newSession());
    const addinNotat = layoutText(buildNotat(calculate(grid).result, notatSettingsOf(grid), { today: TODAY }));
    return {
      json,
      cliSheet: columnA(written.getWorksheet("Status 2025")),
      addinSheet: columnA(saved.getWorksheet("Status 2025")),
      kilderTitle: String(written.getWorksheet("Kilder 2025")?.getCell("A1").value),
      cliNotat,
      addinNotat,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

describe("the period is one value, and every output says it (issue 19, item 1)", () => {
  let half: Outputs;
  let whole: Outputs;
  beforeAll(async () => {
    half = await outputs(workbook("juni", "whole"));
    whole = await outputs(workbook(undefined, "whole"));
  }, 120_000);

  test("januar–juni: the status sheet's title, table titles, column heading and footnotes name the period (CLI and add-in alike)", () => {
    expect(half.addinSheet).toEqual(half.cliSheet);
    const sheet = half.cliSheet;
    expect(sheet).toContain("Status for de særlige jobordninger i KK som arbejdsplads for perioden januar til og med juni 2025");
    expect(sheet).toContain("Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for januar–juni 2025, samt antal forløb");
    expect(sheet).toContain("Tabel 3: Status og målopfyldelse for de særlige jobordninger i Børne- og Ungdomsforvaltningen for januar–juni 2025");
    expect(sheet).toContain("Antal forløb i januar–juni 2025**");
    // Tabel 2 is the whole of 2024: the footnotes name its month and period too (issue 19b, item 9).
    expect(sheet).toContain("* Status for fleksjob er opgjort i antal ansatte i juni 2025 (i tabel 2: december 2024)");
    expect(sheet.some((t) => t.startsWith("** ") && t.endsWith("i helårspersoner i januar–juni 2025 (i tabel 2: 2024) svarer til."))).toBe(true);
    // Footnote *** lists the oldest year first (issue 21, item 12), each with its own period.
    const weights = sheet.filter((t) => /^(\*\*\* )?For (årsstatus|status for)/.test(t));
    // (A merged footnote cell is read once per column it spans: each line in first-seen order.)
    expect([...new Set(weights.map((t) => t.slice(0, t.indexOf(":") + 1)))]).toEqual(["*** For årsstatus 2024:", "For status for januar–juni 2025:"]);
    // No text calls the half year »2025« alone.
    expect(sheet.filter((t) => /\b(for|i) 2025\b/.test(t))).toEqual([]);
    expect(half.kilderTitle).toBe("Kilder til status for januar–juni 2025: hvor hvert tal er læst");
  });

  test("januar–juni: the Word notat's title, table titles, column heading, footnotes and text name the period (CLI and add-in alike)", () => {
    for (const text of [half.cliNotat, half.addinNotat]) {
      expect(text).toContain("Status for de særlige jobordninger i KK som arbejdsplads for perioden januar til og med juni 2025");
      expect(text).not.toContain("Årsstatus");
      expect(text).toContain("Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for januar–juni 2025, samt antal forløb");
      expect(text).toContain("Antal forløb i januar–juni 2025**");
      expect(text).toContain("* Status for fleksjob er opgjort i antal ansatte i juni 2025 (i tabel 2: december 2024)");
      expect(text).toMatch(/\*\* Denne kolonne .* i helårspersoner i januar–juni 2025 \(i tabel 2: 2024\) svarer til\./);
      expect(text).toContain("Af tabel 1 fremgår status, måltal og målopfyldelse for januar–juni 2025 fordelt på de forskellige ordninger for Københavns Kommune.");
      expect(text.split("\n").filter((l) => /\b(for|i) 2025\b/.test(l))).toEqual([]);
    }
  });

  test("--json carries the same period", () => {
    expect(half.json.period).toEqual({ year: 2025, firstMonth: 1, lastMonth: 6, label: "januar–juni 2025", previous: { year: 2024, firstMonth: 1, lastMonth: 12, label: "2024" }, comparable: false });
    expect(whole.json.period).toEqual({ year: 2025, firstMonth: 1, lastMonth: 12, label: "2025", previous: { year: 2024, firstMonth: 1, lastMonth: 12, label: "2024" }, comparable: true });
    expect(half.json.previous?.lastMonth).toBe(12);
  });

  test("a whole year: the notat's wording, »Årsstatus … for 2025«, with the comparison (CLI and add-in alike)", () => {
    expect(whole.addinSheet).toEqual(whole.cliSheet);
    for (const text of [whole.cliNotat, whole.addinNotat, whole.cliSheet.join("\n")]) {
      expect(text).toContain("Årsstatus for de særlige jobordninger i KK som arbejdsplads for 2025");
      expect(text).toContain("Tabel 1: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2025, samt antal forløb");
      expect(text).toContain("Tabel 2: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2024, samt antal forløb");
      expect(text).toContain("Antal forløb i 2025**");
      expect(text).toMatch(/er (steget|faldet|uændret) fra \d+ helårspersoner, svarende til \d+ pct\., i 2024 til \d+ helårspersoner, svarende til \d+ pct\., i 2025\./);
      expect(text).not.toContain("ikke er lige lange");
    }
  });
});

describe("a part year is compared like with like, or not at all (issue 19, item 2)", () => {
  test("januar–juni 2025 beside a whole 2024: no »steget/faldet«, and a note says why (sheet and notat, CLI and add-in)", async () => {
    const half = await outputs(workbook("juni", "whole"));
    const note = "Tallene for januar–juni 2025 er ikke sammenlignet med tallene for 2024 i tabel 2, fordi perioderne ikke er lige lange.";
    for (const text of [half.cliSheet.join("\n"), half.addinSheet.join("\n"), half.cliNotat, half.addinNotat]) {
      expect(text).not.toMatch(/er (steget|faldet|uændret) fra/);
      expect(text).toContain(note);
      expect(text).toContain("Tabel 2: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for 2024, samt antal forløb");
    }
    expect(half.cliNotat).toContain("Tabel 2 viser status, måltal og målopfyldelse for 2024.");
    expect(half.cliNotat).not.toContain("Til sammenligning");
  }, 60_000);

  test("when last year's sheet covers the same months (»Sidste måned: juni«), the two are compared, each named by its period", async () => {
    const both = await outputs(workbook("juni", "juni"));
    expect(both.json.period?.comparable).toBe(true);
    expect(both.json.issues).toEqual([]);
    for (const text of [both.cliSheet.join("\n"), both.addinSheet.join("\n"), both.cliNotat, both.addinNotat]) {
      expect(text).toMatch(/er (steget|faldet|uændret) fra \d+ helårspersoner, svarende til \d+ pct\., i januar–juni 2024 til \d+ helårspersoner, svarende til \d+ pct\., i januar–juni 2025\./);
      expect(text).toContain("Tabel 2: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for januar–juni 2024, samt antal forløb");
      expect(text).not.toContain("ikke er lige lange");
      // Fleksjob is a head count at the period's end (issue 19b, item 9): the month, never a range.
      expect(text).toMatch(/fleksjob (er|er steget|er faldet|er uændret) fra [\d.]+ (ansatte )?i juni 2024 til [\d.]+ i juni 2025/);
      expect(text).not.toMatch(/fleksjob[^.]* i januar–juni 2024 til/);
      expect(text).toContain("* Status for fleksjob er opgjort i antal ansatte i juni 2025 (i tabel 2: juni 2024)");
    }
  }, 60_000);

  test("»Sidste måned: januar« is »januar 2025«, never »januar–januar 2025« (issue 19b, item 9)", async () => {
    const one = await outputs(workbook("januar", "none"));
    for (const text of [one.cliSheet.join("\n"), one.addinSheet.join("\n"), one.cliNotat, one.addinNotat]) {
      expect(text).toContain("januar 2025");
      expect(text).not.toContain("januar–januar");
    }
  }, 60_000);
});
