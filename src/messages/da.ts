/**
 * Every text a user sees, in Danish, in one place. Code elsewhere refers to these by key;
 * issues carry a code and parameters, and get their sentence here at the edge.
 */
import { FORMULA_WITHOUT_RESULT, NOT_A_FILE_NUMBER } from "../core/grid";
import type { Issue, IssueCode, IssueParamsOf, RulebookDifference } from "../core/issues";
import { excelNumber, formatDanish, roundHalfAway } from "../core/numbers";
import { CPR_MASK as MASK, quotedText } from "../core/privacy";
import { COMBINED_TARGET, type Measure } from "../core/rulebook";
import type { UnreadableCell, UnreadableLimit, UnreadableReason } from "../core/unreadable";

/** What a CPR-shaped text in a quoted value is shown as (src/core/privacy.ts). */
export const CPR_MASK = MASK;
// Every value an issue quotes enters its message here (str; a row's label through issueWhat), and
// every name, sheet and file name a message quotes through q: a CPR-shaped text is masked and a line
// feed, tab or other C0 character made a space, for the CLI's text, its --json, the pane and the mail
// text of saml (docs/dev/security.md §7). Figures (num) are never masked.
/** A quoted user text: CPR-shaped parts masked, control characters (line feed, tab) made spaces. */
const q = (text: string): string => quotedText(text);
/** A file's name without its folders: the mail to a department never shows the analyst's own paths. */
const baseName = (file: string): string => file.replace(/^.*[\\/]/, "");
/**
 * A parameter as text: what the user typed, never »undefined«, »NaN« or »[object Object]« (issue
 * 19). Control characters are kept here and made safe where text leaves: the CLI's one choke point
 * and --json's escaping (docs/dev/security.md).
 */
const str = <P extends object>(p: P, k: keyof P): string => {
  const v: unknown = p[k];
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v !== "string") return "";
  return q(v);
};
/** A number as Danes write it, with at most `decimals` decimals and no trailing zeros. */
const num = <P extends object>(p: P, k: keyof P, decimals = 2): string => {
  const v: unknown = p[k];
  if (typeof v !== "number") return str(p, k);
  if (!Number.isFinite(v)) return "";
  return Number.isInteger(v) ? formatDanish(v) : formatDanish(v, decimals).replace(/,?0+$/, "");
};
const cap = (s: string): string => s.charAt(0).toLocaleUpperCase("da-DK") + s.slice(1);
/** Neuter nouns among the values an issue names (et antal, et måltal, et år): their adjectives take -t. */
const NEUTER = /^(antal|måltal|år|tal)\b/;
/** An adjective agreeing with `what`: »status er negativ«, »antal forløb er negativt«. */
const agree = (what: string, adjective: string): string => (NEUTER.test(what) ? `${adjective}t` : adjective);
/** What to write instead of a text: a count is a whole number, a year a year, the rest may have decimals. */
const example = (what: string): string =>
  what === "år" ? "Skriv kun årstallet, fx 2025." : /^antal\b/.test(what) ? "Skriv kun tallet, fx 12." : "Skriv kun tallet, fx 12,5.";
/** Excel's error values as Danish Excel shows them (the file stores the English code). */
const DANISH_ERRORS: Readonly<Record<string, string>> = {
  "#REF!": "#REFERENCE!",
  "#DIV/0!": "#DIVISION/0!",
  "#VALUE!": "#VÆRDI!",
  "#N/A": "#I/T",
  "#NAME?": "#NAVN?",
  "#NULL!": "#NUL!",
};
const danishError = (v: string): string => DANISH_ERRORS[v.toUpperCase()] ?? v;
// A code's parameters are typed (IssueParamsByCode), but every sentence also renders with none at
// all (test/docs-catalogue.test.ts), so a missing scheme or group falls back to the empty text.
// Schemes and groups are named as the rulebook in use names them (issue 22: no scheme's name is
// written here; the built-in names are the built-in rulebooks' data, src/core/rulebook.ts).
/** A scheme's name: the name the rulebook gave it (»schemeName«), else its id. */
const scheme = (p: { readonly scheme: string; readonly schemeName?: string }): string => str(p, "schemeName") || str(p, "scheme");
/** A name inside a sentence, as Danish writes a common noun: »Jobrotation« → »jobrotation«; an abbreviation (»SOF-job«) as written. */
const inText = (name: string): string => (/^\p{Lu}\p{Ll}/u.test(name) ? name.charAt(0).toLocaleLowerCase("da-DK") + name.slice(1) : name);
/** The scheme's name inside a sentence: »status for virksomhedspraktik«. */
const schemeInText = (p: { readonly scheme: string; readonly schemeName?: string }): string => inText(scheme(p));
/** A target group's name as the rulebook gives it (»groupName«), else its id, inside a sentence: »for fleksjob«, »for jobrotation«. */
const group = (p: { readonly group: string; readonly groupName?: string }): string => inText(str(p, "groupName") || str(p, "group"));
/** »tre«, »fire«: how many schemes share a target, in words up to ti; »flere« when not given. */
const countWord = (n: number | undefined): string =>
  n === undefined || !Number.isInteger(n) || n < 2 ? "flere" : (["to", "tre", "fire", "fem", "seks", "syv", "otte", "ni", "ti"][n - 2] ?? formatDanish(n));
/** The column headers an issue lists (»Samlet|Fleksjob|Fritidsjob«: the rulebook's target words), none when not given. */
const columnsOf = (p: { readonly columns?: string }): string[] => str(p, "columns").split("|").filter((c) => c !== "");

/** The department table's headers, by the keys an issue names them with (»status,forloeb«). */
const HEADER_NAMES: Readonly<Record<string, string>> = { ordning: "Ordning", status: "Status", forloeb: "Antal forløb" };
const headerNames = (keys: string): string => listDanish(keys.split(",").filter(Boolean).map((k) => `»${HEADER_NAMES[k] ?? k}«`));

/** The sentence for each issue code: what is wrong, then what to do. */
const ISSUE_TEXT: { readonly [C in IssueCode]: (p: IssueParamsOf<C>) => string } = {
  EMPTY_WORKBOOK: () => "Projektmappen er tom. Tilføj et Måltal-ark og et ark pr. forvaltning (brug evt. »Opret skabelon«).",
  MAALTAL_MISSING: (p) =>
    p.near !== undefined
      ? `Der er intet ark med navnet »Måltal«, men arket »${str(p, "near")}« ligner. Jobstatus bruger kun et ark, der hedder »Måltal«, så et måltalsark for et andet år aldrig bliver brugt ved en fejl. Er det årets måltal, så omdøb arket til »Måltal«.`
      : "Der er intet ark med navnet »Måltal«. Tilføj det med en kolonne »Forvaltning« og en kolonne pr. måltal.",
  SHEET_MISSING: (p) => `Forvaltningen ${str(p, "code")} står på Måltal, men projektmappen har intet ark med navnet »${str(p, "code")}«. Tilføj forvaltningens ark.`,
  DUPLICATE_SHEET: (p) => `Der er flere ark for ${str(p, "code") || "Måltal"} (${str(p, "others") || str(p, "first")}). Jobstatus vælger ikke selv, hvilket der gælder. Slet eller omdøb dem, der ikke skal bruges, så der kun er ét.`,
  UNKNOWN_UNIT_SHEET: (p) =>
    p.kk === 1
      ? p.lastYear === 1
        ? `Arket »${str(p, "sheet") || "KK"}« er hele kommunen året før. Det er ikke talt med (tallene for hele kommunen beregnes altid som summen af forvaltningernes ark). Skal tallene med i tabel 2, så kald arket »Forrige år«.`
        : `Arket »${str(p, "sheet") || "KK"}« er hele kommunen (KK) i et forvaltningsarks opbygning. Tallene for hele kommunen beregnes altid som summen af forvaltningernes ark, så arket er ikke talt med, hverken i stedet for summen eller oveni. Slet arket, eller kald det »Forrige år«, hvis det er sidste års tal.`
      : `Arket ligner et forvaltningsark, men »${str(p, "code")}« står ikke på Måltal, så tallene for hele kommunen ville blive beregnet uden det. Ret arkets navn til en kode fra Måltal, tilføj forvaltningen på Måltal, eller slet arket, hvis det ikke skal med.`,
  NO_DEPARTMENT_SHEET: (p) =>
    p.sheets === 0
      ? "Projektmappen har hverken et Måltal-ark eller et forvaltningsark, så der er intet at validere. Brug skabelonen for jeres forvaltning (»Opret skabelon«), og skriv tallene i den."
      : "Intet ark ligner et forvaltningsark: ingen af arkene hedder som en forvaltning (fx SOF) eller har overskriften Ordning, Status og Antal forløb i de første 30 rækker. Omdøb jeres ark til forvaltningens kode, og brug skabelonens overskrift.",
  HIDDEN_SHEET: (p) =>
    p.very === 1
      ? "Arket er »meget skjult« (very hidden), så det ikke kan vises fra Excels menu, men det bliver brugt i beregningen. Tjek arket (fx i Visual Basic-editoren), og slet det, hvis det ikke skal med."
      : "Arket er skjult, men bliver brugt i beregningen. Vis arket, og tjek det. Skal det ikke med, så slet det.",
  HIDDEN_CELLS: (p) =>
    p.kind === "row"
      ? `Række ${str(p, "label")} er skjult, så dens indhold er ikke talt med (Jobstatus tæller kun det, man kan se). Vis rækken, og tjek, om tallene skal med; skal de ikke, så slet rækken.`
      : `Kolonne ${str(p, "label")} er skjult, så dens indhold er ikke talt med (Jobstatus tæller kun det, man kan se). Vis kolonnen, og tjek, om tallene skal med; skal de ikke, så slet kolonnen.`,
  YEAR_UNDECIDED: (p) => `Arkene angiver forskellige år (${str(p, "years")}), lige mange af hver. Ret »År« på arkene, så de er ens.`,
  YEAR_MISMATCH: (p) => `Året er ${str(p, "value")}, men de øvrige ark er for ${str(p, "year")}. Ret året, eller brug arket for det rigtige år.`,
  WEIGHTS_UNKNOWN: (p) =>
    `Der kendes ingen vægte for ${str(p, "year")}. Angiv dem på arket Indstillinger med ${columnsOf(p).length > 0 ? `kolonnerne ${listDanish(["År", ...columnsOf(p)])}` : "kolonnen År og en kolonne pr. måltal"} (i alt 100 pct.).`,
  YEAR_MISSING: (p) =>
    p.value !== undefined
      ? `Året står i samme celle som »År« (»${str(p, "value")}«). Skriv »År« i én celle og årstallet i cellen til højre.`
      : "Arket mangler året. Skriv »År« i en celle og årstallet i cellen til højre.",
  YEAR_DUPLICATE: (p) => `Arket har »År« to steder med forskellige år (første gang i ${str(p, "first")}). Jobstatus vælger ikke selv, hvilket der gælder. Slet det, der ikke gælder.`,
  YEAR_INVALID: (p) => `Året »${str(p, "value")}« er ikke et gyldigt årstal. Skriv fx 2025.`,
  UNIT_MISMATCH: (p) => `Feltet Forvaltning siger »${str(p, "value")}«, men arket hedder ${str(p, "code")}. Ret feltet eller arkets navn.`,
  HEADER_MISSING: (p) =>
    p.notat === 1
      ? "Det ligner en tabel kopieret fra notatet (med »Samlet status«, »Samlet måltal« eller »Procentvis målopfyldelse«). Jobstatus skal bruge forvaltningens egne tal. Brug skabelonens ark med kolonnerne »Ordning«, »Status« og »Antal forløb«, og skriv de uafrundede tal."
      : p.long === 1
        ? "Tabellen står i lang form (ordningen og tallets art i hver sin kolonne, fx »Status« og »Antal forløb« som tekst nedad). Jobstatus skal bruge én række pr. ordning med kolonnerne »Ordning«, »Status« og »Antal forløb«. Flyt tallene ind i de kolonner (se skabelonen)."
        : p.missing !== undefined
          ? `Overskriftsrækken mangler ${headerNames(str(p, "missing"))} (der skal stå »Ordning«, »Status« og »Antal forløb« i samme række). Tilføj kolonneoverskriften i rækken.`
          : p.found !== undefined
            ? `Overskriftsrækken med »Ordning«, »Status« og »Antal forløb« står i ${str(p, "found")}, men Jobstatus leder kun i de første 30 rækker. Flyt tabellen op, fx ved at slette tomme rækker over den.`
            : "Arket mangler overskriftsrækken med »Ordning«, »Status« og »Antal forløb« (i de første 30 rækker). Tilføj den over tallene.",
  HEADER_DUPLICATE: (p) => `Overskriftsrækken står her igen (første gang i ${str(p, "first")}). Slet den ekstra tabel, så hver ordning kun står ét sted.`,
  COLUMN_DUPLICATE: (p) =>
    p.firstHeader !== undefined && p.firstHeader !== p.header
      ? `Kolonnen »${str(p, "header")}« og kolonnen »${str(p, "firstHeader")}« i ${str(p, "first")} læses begge som ${str(p, "group")}. Jobstatus vælger ikke selv. Slet eller omdøb den ene.`
      : `Kolonnen »${str(p, "header")}« findes allerede i ${str(p, "first")}. Slet eller omdøb den ene.`,
  ROW_MISSING: (p) => `Rækken for ${schemeInText(p)} mangler under overskriften. Tilføj en række med ordningens navn og tallene.`,
  ROW_DUPLICATE: (p) =>
    `Ordningen »${str(p, "value")}« står to gange (første gang i ${str(p, "first")}${p.firstValue !== undefined && p.firstValue !== p.value ? `, »${str(p, "firstValue")}«` : ""}). Jobstatus lægger ikke selv rækker sammen. Skriv ordningens tal i én række: er rækkerne to dele af samme ordning (fx ledige og førtidspensionister), så læg tallene sammen; er det den samme række to gange, så slet den ene.`,
  ROW_UNKNOWN: (p) =>
    `Rækken »${str(p, "value")}« er ikke en kendt ordning, så den er ikke talt med. Brug et af navnene ${
      str(p, "names") ? listDanish(str(p, "names").split("|"), "eller") : "ordningerne i årets regelsæt"
    }.`,
  ROW_UNLABELLED: (p) =>
    p.subheader === 1
      ? "Rækken har tekst i talkolonnerne, men intet navn på ordningen (en underoverskrift?). Slet rækken, og skriv evt. enheden i selve overskriften, fx »Status (helårspersoner)«."
      : "Rækken har tal, men intet navn på ordningen. Skriv ordningens navn, eller slet tallene.",
  MERGED_CELL: () => "Cellen er flettet sammen med andre celler. Ophæv fletningen, så hver ordning har sine egne celler.",
  VALUE_MISSING: (p) => `Cellen skal indeholde ${str(p, "what")}, men er tom. Skriv tallet (0, hvis der ikke er nogen).`,
  VALUE_NOT_NUMBER: (p) => `Cellen indeholder »${str(p, "value")}«, som ikke er et tal (${str(p, "what")}). ${example(str(p, "what"))}`,
  VALUE_AMBIGUOUS: (p) => `Teksten »${str(p, "value")}« kan både læses som et tal med tusindtalsseparator og som et decimaltal (${str(p, "what")})${p.thousands !== undefined ? `: ${str(p, "thousands")} eller ${str(p, "decimal")}` : ""}. Jobstatus bruger ikke et tal, der kan læses på to måder. Skriv tallet som et rigtigt tal i cellen, uden punktum eller komma som tusindtalsseparator.`,
  VALUE_TEXT_NUMBER: (p) =>
    `Cellen indeholder »${str(p, "value")}« som tekst, og det er læst som ${str(p, "what") === "år" ? str(p, "number") : num(p, "number", 4)} (${str(p, "what")}). Skriv det som et tal i cellen for at undgå tvivl.`,
  VALUE_NEGATIVE: (p) => `${cap(str(p, "what"))} er ${agree(str(p, "what"), "negativ")} (${num(p, "value")}). Skriv et tal, der er 0 eller større.`,
  VALUE_NOT_FINITE: (p) => `${cap(str(p, "what"))} er ikke et endeligt tal. Skriv et almindeligt tal.`,
  VALUE_TOO_LARGE: (p) => `${cap(str(p, "what"))} er usandsynligt ${agree(str(p, "what"), "stor")} (${num(p, "value")}; højst ${num(p, "max")}). Tjek tallet, og ret det.`,
  VALUE_NOT_WHOLE: (p) => {
    const why = p.measure && p.scheme && wholeReason(str(p, "scheme"), p.measure) ? ` ${wholeReason(str(p, "scheme"), p.measure)}` : str(p, "what").startsWith("antal forløb") ? " Forløb tælles i hele forløb." : "";
    return `${cap(str(p, "what"))} skal være et helt tal, men er ${num(p, "value", 10)}.${why} Skriv et helt tal.`;
  },
  VALUE_PERCENT: (p) =>
    `Cellen er formateret som procent og viser »${num(p, "shown")} %«, men indeholder ${num(p, "value", 10)}, og ${str(p, "what")} er et antal, ikke en procentdel. Fjern procentformatet (sæt talformatet til Tal), og skriv tallet, der skal med.`,
  VALUE_SCALED: (p) =>
    `Cellens talformat viser tallet divideret med tusind, men cellen indeholder ${num(p, "value", 10)}, og det er det tal, der ville blive brugt for ${str(p, "what")}. Sæt talformatet til Tal, og skriv tallet, der skal med.`,
  VALUE_OUT_OF_SCALE: (p) => {
    const at = str(p, "refAt") ? ` i ${str(p, "refAt")}` : "";
    const compared =
      p.basis === "previous"
        ? `mere end hele kommunens tal året før (${num(p, "ref")}${at})`
        : p.basis === "peers"
          ? `${num(p, "ratio", 1)} gange det typiske tal hos de andre forvaltninger (medianen af deres tal er ${num(p, "ref")})`
          : `${num(p, "ratio", 1)} gange forvaltningens eget måltal${p.combined === 1 ? ` for de ${countWord(p.combinedCount)} ordninger tilsammen` : ""} (${num(p, "ref")}${at})`;
    return `Status for ${schemeInText(p)} er ${num(p, "value")}, ${compared}. Er et decimalkomma faldet ud? Tjek tallet; det er brugt, som det står.`;
  },
  STATUS_OVER_FORLOEB: (p) => {
    // Said in the scheme's own unit (the rulebook's measure); helårspersoner where none is given.
    const unit = p.measure !== undefined && p.measure !== "helaarspersoner" ? Object.entries(MEASURE_NAMES).find(([k]) => k === p.measure)?.[1] : undefined;
    return unit
      ? `Status for ${schemeInText(p)} er ${num(p, "status")} ${unit.many}, men der er kun ${num(p, "forloeb")} forløb (${str(p, "forloebCell")}). Hver af dem har mindst ét forløb, så et af tallene er forkert (er de byttet om?). Ret tallene.`
      : `Status for ${schemeInText(p)} er ${num(p, "status")} helårspersoner, men der er kun ${num(p, "forloeb")} forløb (${str(p, "forloebCell")}). Et forløb giver højst én helårsperson, for hele året som for en del af det, så et af tallene er forkert (er de byttet om?). Ret tallene.`;
  },
  HEADER_YEAR_MISMATCH: (p) =>
    `Overskriften »${str(p, "header")}« nævner ${str(p, "value")}, men arket er for ${str(p, "year")} (se »År«). Er det sidste års tal? Ret overskriften eller tallene, så de hører til samme år.`,
  VALUE_ERROR: (p) =>
    str(p, "value") === FORMULA_WITHOUT_RESULT
      ? `Cellen har en formel uden gemt resultat (filen er gemt af et program, der ikke beregner formler), så ${str(p, "what")} kan ikke læses. Åbn filen i Excel og gem den igen, eller skriv tallet.`
      : str(p, "value") === NOT_A_FILE_NUMBER
        ? `Cellen er gemt i filen som et tal, men værdien er ikke et tal, som Excel gemmer det (filen er skrevet af et andet program), så ${str(p, "what")} kan ikke læses. Skriv tallet i cellen i Excel, og gem filen igen.`
        : `Cellen viser fejlen ${danishError(str(p, "value"))} i stedet for ${str(p, "what")}. Ret formlen, eller skriv tallet.`,
  VALUE_DATE: (p) =>
    `Cellen er en dato${str(p, "value") ? ` (${str(p, "value")})` : ""}, men skal være ${str(p, "what")}. Skriv tallet, og sæt cellens talformat til Tal.`,
  VALUE_BOOLEAN: (p) => `Cellen indeholder ${str(p, "value")}, men skal være ${str(p, "what")}. Skriv tallet.`,
  VALUE_IGNORED: (p) =>
    p.total !== undefined
      ? `Rækken »${str(p, "total")}« er en sumrække, men ${p.what === "antal forløb i alt" ? "ingen ordning i årets regelsæt har antal forløb" : "årets regelsæt har intet måltal, der lægger flere ordninger sammen"}, så Jobstatus har ingen sum at sammenligne ${str(p, "what")} med, og tallet er ikke talt med. Tjek, at tallene står i ordningernes egne rækker, og slet gerne sumrækken.`
      : `Der står ${str(p, "what")} her, men det bruges ikke for denne ordning, så tallet er ikke talt med. Slet det gerne.`,
  TEXT_TOO_LONG: (p) => `Cellen indeholder ${num(p, "length")} tegn; det er for langt til ${str(p, "what") || "et felt"}. Skriv kun tallet eller navnet.`,
  TOTAL_MISMATCH: (p) =>
    p.rounding === 1
      ? `Det indtastede tal for ${str(p, "what")} er ${num(p, "typed")}, men summen af de uafrundede tal er ${num(p, "computed")} (vises som ${typeof p.computed === "number" && Number.isFinite(p.computed) ? formatDanish(p.computed) : str(p, "computed")}). Summen af afrundede tal er ikke den rigtige sum, så Jobstatus bruger ${num(p, "computed")}.`
      : `Det indtastede tal for ${str(p, "what")} er ${num(p, "typed")}, men summen af tallene er ${num(p, "computed")}. Ret enten summen eller et af tallene.`,
  KK_SHEET_DIFFERS: (p) =>
    `Arket for hele kommunen viser ${p.what === "forloeb" ? `${num(p, "value")} forløb` : `status ${num(p, "value")}`} for ${schemeInText(p)}, men summen af forvaltningernes ark er ${num(p, "sum")}. Jobstatus bruger summen; arket for hele kommunen er ikke talt med. Ret tallet her eller på forvaltningernes ark, eller slet arket.`,
  KK_TARGET_DIFFERS: (p) => `Måltallet for hele kommunen (KK-rækken) for ${group(p)} er ${num(p, "kk")}, men forvaltningernes måltal giver tilsammen ${num(p, "sum")}. KK-rækkens måltal bruges for kommunen.`,
  MAALTAL_HEADER_MISSING: (p) =>
    `Måltal-arket mangler en overskriftsrække med »Forvaltning« og kolonner for måltallene${columnsOf(p).length > 0 ? ` (${columnsOf(p).join(", ")})` : ""} i de første 30 rækker. Tilføj den over måltallene (se skabelonen).`,
  MAALTAL_COLUMN_MISSING: (p) =>
    p.wordsCell
      ? `Jobstatus fandt ingen kolonne på Måltal-arket til måltallet ${str(p, "groupName")} ud fra ${listDanish(str(p, "words").split(", ").map((w) => `»${w}«`), "eller")}, som regelsættet skriver i ${str(p, "wordsCell")} (ordet skal stå i kolonnens overskrift og ikke høre til et andet måltal). Tilføj kolonnen, eller ret ordet i regelsættet.`
      : `Måltal-arket mangler en kolonne for ${group(p)}. Tilføj den i overskriftsrækken.`,
  MAALTAL_UNIT_DUPLICATE: (p) => `${str(p, "code")} står to gange på Måltal (første gang i ${str(p, "first")}). Slet den ene række.`,
  MAALTAL_EMPTY: (p) =>
    p.kkOnly === 1
      ? "Måltal-arket har kun en række for KK. Tallene for hele kommunen beregnes altid som summen af forvaltningerne, så skriv én række pr. forvaltning under overskriften, og læg forvaltningernes ark i projektmappen."
      : "Måltal-arket har ingen forvaltninger. Skriv én række pr. forvaltning under overskriften.",
  MAAL_ZERO_WEIGHTED: (p) => `${str(p, "code")} har intet måltal (eller 0) for ${group(p)}, som indgår med vægt i den samlede målopfyldelse. Skriv måltallet.`,
  WEIGHTS_SUM: (p) => `Vægtene for ${str(p, "year")} giver ${num(p, "sum")} pct., ikke 100 pct. Ret dem, så de giver 100 pct. tilsammen.`,
  WEIGHTS_DUPLICATE: (p) => `Der står vægte for ${str(p, "year")} to gange (første gang i ${str(p, "first")}). Jobstatus vælger ikke selv, hvilke der gælder. Slet den række, der ikke gælder.`,
  SETTING_DUPLICATE: (p) =>
    p.what === "regelsæt" && p.noWeights === 1
      ? `Regelsættet for ${str(p, "year")} (i ${str(p, "first")}) har ingen vægte, så året har ingen vægtet målopfyldelse, men her står vægte for ${str(p, "year")} i tabellen med vægte. Regelsættet bestemmer årets vægte. Slet rækken med vægtene for ${str(p, "year")}, eller skriv vægtene i regelsættets kolonne »Vægt«, hvis året skal have dem.`
      : p.what === "regelsæt"
      ? `Vægtene for ${str(p, "year")} står både i regelsættet (i ${str(p, "first")}) og her i tabellen med vægte. Jobstatus vælger ikke selv, hvilke der gælder. Slet dem det ene sted, så vægtene står ét sted.`
      : p.what === "vægte"
      ? `Der er en tabel med vægte mere her (den første står i ${str(p, "first")}). Jobstatus vælger ikke selv, hvilken der gælder. Slet den tabel, der ikke gælder, så vægtene står i én tabel.`
      : `»Sidste måned« står to steder med forskellige måneder (første gang i ${str(p, "first")}). Jobstatus vælger ikke selv, hvilken der gælder. Slet den, der ikke gælder.`,
  WEIGHTS_DIFFER: (p) => `Vægtene for ${str(p, "year")} på dette ark afviger fra dem, Borgerrepræsentationen har vedtaget. Arkets vægte bruges; tjek, at det er meningen.`,
  PERIOD_INVALID: (p) =>
    `Værdien »${str(p, "value")}« er ikke en måned. Skriv periodens sidste måned til højre for »Sidste måned«, som et tal fra 1 til 12 eller et navn, fx »september«. Står der intet, gælder hele året.`,
  SETTINGS_HEADER_MISSING: (p) =>
    `Arket Indstillinger mangler en overskriftsrække med »År« og kolonner for vægtene${columnsOf(p).length > 0 ? ` (${columnsOf(p).join(", ")})` : ""}. Tilføj den, eller slet arket, så de vedtagne vægte bruges.`,
  PREVIOUS_YEAR_MISMATCH: (p) => `Arket for forrige år er for ${str(p, "value")}, men skal være for ${str(p, "expected")}. Tabel 2 er udeladt, indtil året er rettet.`,
  PREVIOUS_LEFT_OUT: () => "Arket for forrige år har fejl (se ovenfor), så tabel 2 udelades. Resten af rapporten er beregnet.",
  PREVIOUS_WEIGHTS_UNKNOWN: (p) =>
    `Der kendes ingen vægte for ${str(p, "year")}, så tabel 2 kan ikke beregnes. Angiv dem på arket Indstillinger. Havde ${str(p, "year")} andre ordninger, måltal eller enheder end nu, eller ingen vægte, så skriv i stedet et regelsæt for ${str(p, "year")} dér (se brugervejledningen, afsnit 2.1).`,
  OUTPUT_NAME_TAKEN: (p) => `Der findes allerede et ark »${str(p, "wanted")}«, som Jobstatus ikke har lavet. Det ark bliver ikke ændret, så rapporten er skrevet i »${str(p, "used")}« i stedet.`,
  FORMULA_STALE: (p) =>
    `Cellen har formlen »=${str(p, "formula")}«, som giver ${num(p, "value", 10)}, men filen har gemt resultatet ${num(p, "cached", 10)} (${str(p, "what")}). Resultatet er ikke beregnet igen, siden formlen blev ændret, så Jobstatus ved ikke, hvilket tal der gælder. Åbn filen i Excel, tryk F9 (Beregn nu), og gem den igen.`,
  FORMULA_MANUAL_CALC: (p) =>
    `Projektmappen er gemt med manuel beregning, så resultatet af formlen »=${str(p, "formula")}« (${num(p, "value", 10)}, ${str(p, "what")}) kan være fra før en rettelse. Jobstatus bruger ikke et tal, der kan være forældet. Sæt beregningen til automatisk i Excel (Formler → Beregningsindstillinger → Automatisk), og gem filen igen.`,
  STATUS_COLUMN_AMBIGUOUS: (p) =>
    `Overskriftsrækken har to kolonner, der kan være status: »${str(p, "firstHeader")}« (${str(p, "first")}) og »${str(p, "header")}« (her). Jobstatus vælger ikke selv, hvilken der gælder. Slet eller omdøb den kolonne, der ikke er årets status (fx sidste års tal).`,
  LABEL_MONTH_MISMATCH: (p) =>
    p.header
      ? `Overskriften »${str(p, "value")}« nævner ${str(p, "named")}, men perioden slutter i ${str(p, "expected")}. Tallene i kolonnen er brugt som tallene for perioden til og med ${str(p, "expected")}. Tjek, at det er de rigtige tal, og ret overskriften.`
      : `Rækken »${str(p, "value")}« nævner ${str(p, "named")}, men perioden slutter i ${str(p, "expected")}. Tallet er brugt som tallet for ${str(p, "expected")}. Tjek, at det er det rigtige tal, og ret teksten.`,
  SETTINGS_LABEL_UNKNOWN: (p) =>
    `»${str(p, "value")}« er hverken et år eller en af de etiketter, Jobstatus kender på Indstillinger, så rækken er ikke brugt. Står der noget, der skal bruges, så skriv etiketten som i brugervejledningen (fx »Sagsnummer i F2«).`,
  FORMULA_UNCHECKED: (p) =>
    `Formlen »=${str(p, "formula")}« er for lang (eller har for mange parenteser) til, at Jobstatus kan regne den efter, så det gemte resultat ${num(p, "value", 10)} (${str(p, "what")}) er brugt, som det står. Tjek tallet i Excel, eller skriv selve tallet i cellen.`,
  PERIOD_YEAR_MISMATCH: (p) =>
    `Sidste måned er »${str(p, "value")}«, som er i ${str(p, "named")}, men status er for ${str(p, "year")}. Jobstatus bruger ikke en periode fra et andet år. Skriv måneden alene (fx »juni«), eller ret året.`,
  RULEBOOK_INCOMPLETE: (p) =>
    p.part === "year"
      ? "»Regelsæt« står uden et år til højre. Skriv året i cellen til højre for »Regelsæt«, fx 2026."
      : p.part === "schemes"
        ? "Regelsættet mangler tabellen med ordningerne: en overskriftsrække med »Ordning« og »Opgøres i« (og »Måltal« og evt. »Antal forløb« og »Andre navne«) og én række pr. ordning under den. Tilføj den under »Regelsæt«."
        : "Regelsættet mangler tabellen med måltallene: en overskriftsrække med »Måltal«, »Kolonne på Måltal« og evt. »Vægt« og én række pr. måltal under den. Tilføj den under »Regelsæt«.",
  RULEBOOK_DUPLICATE: (p) =>
    `Der er et regelsæt for ${str(p, "year")} mere her (det første står i ${str(p, "first")}). Jobstatus vælger ikke selv, hvilket der gælder. Slet det regelsæt, der ikke gælder.`,
  RULEBOOK_MEASURE_UNKNOWN: (p) =>
    `»${str(p, "value")}« er ikke en enhed, Jobstatus kender${str(p, "scheme") ? ` (ordningen ${str(p, "scheme")})` : ""}. Skriv en af dem: helårspersoner, ansatte ultimo, personer, forløb eller pladser.`,
  RULEBOOK_FORLOEB_INVALID: (p) => `»${str(p, "value")}« er hverken ja eller nej. Skriv »ja«, hvis forvaltningerne skal skrive antal forløb for ordningen, og ellers »nej«.`,
  RULEBOOK_GROUP_MISSING: (p) =>
    p.empty === 1
      ? `Måltallet »${str(p, "group")}« har ingen ordninger, så det kan aldrig nås. Skriv det i kolonnen »Måltal« ud for de ordninger, der tæller med, eller slet rækken.`
      : str(p, "value")
        ? `Ordningen ${str(p, "scheme")} hører til måltallet »${str(p, "value")}«, men det står ikke i tabellen med måltallene. Skriv navnet, som det står dér, eller tilføj måltallet.`
        : `Ordningen ${str(p, "scheme")} hører ikke til noget måltal. Skriv navnet på dens måltal i kolonnen »Måltal«.`,
  RULEBOOK_TARGET_MISSING: (p) =>
    `Måltallet »${str(p, "group")}« mangler ordene, der finder dets kolonne på arket Måltal. Skriv dem i kolonnen »Kolonne på Måltal«, fx ordningens navn.`,
  RULEBOOK_LABEL_DUPLICATE: (p) =>
    `»${str(p, "value")}« står to gange i regelsættet (første gang i ${str(p, "first")}), så Jobstatus kan ikke vide, hvad det hører til. Skriv hvert navn ét sted.`,
  RULEBOOK_DIFFERS: (p) =>
    Array.isArray(p.differences) && p.differences.length > 0
      ? `Regelsættet for ${str(p, "year")} afviger fra det vedtagne, som Jobstatus kender: ${p.differences.map(rulebookDifference).join("; ")}. Arkets regelsæt bruges; tjek, at det er meningen.`
      : `Regelsættet for ${str(p, "year")} afviger fra det vedtagne, som Jobstatus kender (ordninger, enheder, måltal eller vægte). Arkets regelsæt bruges; tjek, at det er meningen.`,
  RULEBOOK_UNUSED: (p) =>
    p.noPrevious
      ? `Regelsættet for ${str(p, "year")} bruges ikke: det gælder året før (tabel 2), men projektmappen har intet ark »Forrige år« med tallene for ${str(p, "year")}. Læg arket »Forrige år« ind, hvis tabel 2 skal med, ellers kan regelsættet slettes.`
      : `Regelsættet for ${str(p, "year")} bruges ikke: projektmappen er status for ${str(p, "statusYear")}, og kun regelsættene for ${str(p, "statusYear")} og året før (tabel 2) bruges. Ret året, hvis det er en slåfejl, ellers kan regelsættet slettes.`,
  MAALTAL_COLUMN_TIE: (p) => {
    const words = str(p, "words").split("|");
    const cells = str(p, "cells").split("|");
    const targets = str(p, "groups")
      .split("|")
      .filter((g) => g !== "")
      .map((g, i) => `måltallet »${g}« (ordet »${words[i] ?? ""}«${cells[i] ? ` i ${cells[i]}` : ""})`);
    const own = p.cells !== undefined ? ", eller ret ordene i regelsættets kolonne »Kolonne på Måltal«" : "";
    return `Overskriften »${str(p, "header")}« nævner både ${targets.length > 1 ? listDanish(targets) : "flere måltal"}, så Jobstatus ved ikke, hvilket måltal kolonnen hører til, og læser den ikke. Ret overskriften, så den kun nævner ét måltal${own}.`;
  },
  RULEBOOK_MEASURE_MIXED: (p) =>
    `${str(p, "scheme")} opgøres i ${MEASURE_NAMES[p.measure]?.word ?? str(p, "measure")}, men ${str(p, "other")} under samme måltal »${str(p, "group")}« opgøres i ${MEASURE_NAMES[p.otherMeasure]?.word ?? str(p, "otherMeasure")}. Et måltal lægger ordningernes status sammen, og Jobstatus lægger ikke forskellige enheder sammen. Ret enheden, eller giv ordningen sit eget måltal.`,
  RULEBOOK_NOT_READ: (p) =>
    `Regelsættet for ${str(p, "year")} kan ikke læses, så Måltal og forvaltningernes ark er ikke tjekket: rækkerne, måltallenes kolonner og vægtene afhænger af regelsættet. Ret fejlene i regelsættet (de står i deres celler); så tjekkes arkene, og status kan beregnes.`,
  LABEL_UNIT_MISMATCH: (p) => {
    const unit = (m: Measure | undefined, key: "measure" | "named"): string => (m === "ansatte_ultimo" ? "antal ansatte" : m !== undefined && MEASURE_NAMES[m] ? MEASURE_NAMES[m].many : str(p, key));
    const counted = unit(p.measure, "measure");
    return `Rækken »${str(p, "value")}« nævner ${unit(p.named, "named")}, men ${p.year !== undefined ? `regelsættet for ${str(p, "year")}` : "årets regelsæt"} opgør ${str(p, "schemeName")} i ${counted}. Tallet er brugt som ${counted}. Tjek, at tallet er opgjort i ${counted}, og ret teksten.`;
  },
};

/** One difference of RULEBOOK_DIFFERS, with its cell: »Fleksjob opgøres i personer i stedet for ansatte ultimo (B7)«. */
function rulebookDifference(d: RulebookDifference): string {
  const measure = (m: string) => Object.entries(MEASURE_NAMES).find(([k]) => k === m)?.[1].word ?? q(m);
  const pct = (w: number) => `${formatDanish(excelNumber(w), Number.isInteger(excelNumber(w)) ? 0 : 2).replace(/,?0+$/, "") || "0"} pct.`;
  const at = ` (${q(d.cell)})`;
  switch (d.kind) {
    case "missing":
      return `${q(d.scheme)} er ikke med${at}`;
    case "extra":
      return `${q(d.scheme)} er med, men er ikke i det vedtagne${at}`;
    case "measure":
      return `${q(d.scheme)} opgøres i ${measure(d.measure)} i stedet for ${measure(d.builtin)}${at}`;
    case "forloeb":
      return `${q(d.scheme)} ${d.forloeb === 1 ? "har" : "har ikke"} antal forløb${at}`;
    case "group":
      return `${q(d.scheme)} tæller med i måltallet ${lowerFirst(q(d.group))} i stedet for ${lowerFirst(q(d.builtin))}${at}`;
    case "weight":
      return `vægten for ${lowerFirst(q(d.group))} er ${pct(d.weight)} i stedet for ${pct(d.builtin)}${at}`;
    case "noWeights":
      return `der er ingen vægte, så der er ingen vægtet målopfyldelse${at}`;
  }
}

/** An issue's code and parameters, tied together (any `Issue` is one). */
export interface IssueText<C extends IssueCode> {
  readonly code: C;
  readonly params: IssueParamsOf<C>;
}

export function issueMessage<C extends IssueCode>(issue: IssueText<C>): string {
  return ISSUE_TEXT[issue.code](issue.params);
}

/** `BUF!B6` or `BUF` for issues without a cell. */
export function issueLocation(issue: Pick<Issue, "sheet" | "cell">): string {
  return issue.cell ? `${q(issue.sheet)}!${issue.cell}` : q(issue.sheet);
}

/** What a table column's cells hold, inside a sentence (issue labels). */
export const ISSUE_COLUMN_NAMES = { status: "status", forloeb: "antal forløb", maal: "måltal" } as const;

/**
 * A target as an issue names it, from its id and the rulebook's name for it: the combined target
 * (COMBINED_TARGET, its own word »samlet«) is »samlet måltal« (definite: »det samlede måltal«), any
 * other »måltal for fleksjob« (»måltallet for fleksjob«); a target of a rulebook on Indstillinger,
 * named as written there, »måltallet Seniorløntilskud«.
 */
export function targetPhrase(group: string, name: string | undefined, form: "indefinite" | "definite" | "own"): string {
  const shown = q(name ?? group);
  if (form === "own") return `måltallet ${shown}`;
  if (group === COMBINED_TARGET) return form === "definite" ? "det samlede måltal" : "samlet måltal";
  const lower = shown.charAt(0).toLocaleLowerCase("da-DK") + shown.slice(1);
  return form === "definite" ? `måltallet for ${lower}` : `måltal for ${lower}`;
}

/** The row and column of an issue's cell in the sheet's own words, e.g. »Løntilskud, status«; undefined where the engine has none. */
export function issueWhat(issue: Pick<Issue, "where">): string | undefined {
  const w = issue.where;
  if (!w) return undefined;
  // The row's label is a quoted value too (CPR masking, as in str below).
  const row = q(w.row);
  if (w.group) return `${row}, ${targetPhrase(w.group, w.groupName, "indefinite")}`;
  return w.column ? `${row}, ${ISSUE_COLUMN_NAMES[w.column]}` : row;
}

/** »Løntilskud, status (B5)«, or just the cell, or »Hele arket« text from the caller when there is no cell. */
export function issueLabel(issue: Pick<Issue, "where" | "cell">): string | undefined {
  const what = issueWhat(issue);
  if (what === undefined) return issue.cell;
  return issue.cell ? `${what} (${issue.cell})` : what;
}

/** The message with its row in front: »Løntilskud, status: Cellen …« (the CLI's text output). */
export function issueMessageWithRow(issue: Pick<Issue, "code" | "params" | "where">): string {
  const what = issueWhat(issue);
  return what === undefined ? issueMessage(issue) : `${what}: ${issueMessage(issue)}`;
}

export const SEVERITY_NAMES = { error: "Fejl", warning: "Advarsel" } as const;

/** Danish month names; month 1–12. */
export const MONTHS = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september", "oktober", "november", "december"] as const;
const monthName = (month: number): string => MONTHS[month - 1] ?? "december";

/** How the report names its period: »2025« for the whole year, »januar–september 2025« for part of it. */
export function periodLabel(year: number, month = 12): string {
  // »januar 2025«, never »januar–januar 2025«.
  return month === 12 ? String(year) : month === 1 ? `januar ${year}` : `januar–${monthName(month)} ${year}`;
}

/**
 * When a head count is taken (fleksjob: the number employed at the period's end): »2025« for the
 * whole year, as the notat writes it, else the month, »juni 2025« (never a range).
 */
export function pointLabel(year: number, month = 12): string {
  return month === 12 ? String(year) : `${monthName(month)} ${year}`;
}

/** Texts of the status report (the notat's wording). */
export const REPORT = {
  sheetName: (year: number) => `Status ${year}`,
  title: (year: number, month = 12) =>
    month === 12
      ? `Årsstatus for de særlige jobordninger i KK som arbejdsplads for ${year}`
      : `Status for de særlige jobordninger i KK som arbejdsplads for perioden januar til og med ${monthName(month)} ${year}`,
  period: (year: number, month = 12) => `Perioden januar til og med ${monthName(month)} ${year}`,
  tableTitleKK: (n: number, year: number | string) =>
    `Tabel ${n}: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for ${year}, samt antal forløb`,
  tableTitleUnit: (n: number, name: string, year: number | string) =>
    `Tabel ${n}: Status og målopfyldelse for de særlige jobordninger i ${q(name)} for ${year}`,
  columns: (year: number | string) => ["Status", "Samlet status", "Samlet måltal", "Procentvis målopfyldelse", `Antal forløb i ${year}**`],
  rows: {
    loentilskud: "Løntilskud (helårspersoner)",
    virksomhedspraktik: "Virksomhedspraktik (helårspersoner)",
    smaajob: "Småjob under det sociale frikort",
    forloeb: "Antal forløb",
    fleksjob: "Fleksjob (antal ansatte) *",
    fritidsjob: "Fritidsjob (helårspersoner)",
    vaegtet: "Samlet målopfyldelse (vægtet gennemsnit***)",
  },
  noValue: "–",
  /** `table2`: Tabel 2's own month and period, when they are not simply the previous whole year (issue 19b). */
  footnoteHeadCount: (year: number, month = 12, table2?: { year: number; month: number }) =>
    `* Status for fleksjob er opgjort i antal ansatte i ${monthName(month)} ${year}${table2 ? ` (i tabel 2: ${monthName(table2.month)} ${table2.year})` : ""}`,
  footnoteForloeb: (year: number | string, table2?: string) =>
    `** Denne kolonne angiver hvor mange forløb opgørelsen af virksomhedspraktik, løntilskud og småjob under det sociale frikort i helårspersoner i ${year}${table2 ? ` (i tabel 2: ${table2})` : ""} svarer til.`,
  footnoteWeights: (year: number, w: Readonly<Record<string, number>>, first: boolean, month = 12) => {
    const [samlet, fleksjob, fritidsjob] = [w.samlet ?? 0, w.fleksjob ?? 0, w.fritidsjob ?? 0];
    // 0,55 × 100 is 55.00000000000001 in binary: compare as Excel would, so it prints »55 pct.«, not »55,0 pct.«.
    const p = (x: number) => `${formatDanish(excelNumber(x * 100), Number.isInteger(excelNumber(x * 100)) ? 0 : 1)} pct.`;
    const lead = `${first ? "*** " : ""}${month === 12 ? `For årsstatus ${year}` : `For status for ${periodLabel(year, month)}`}: `;
    return fritidsjob > 0
      ? `${lead}Måltallet for virksomhedspraktik, løntilskud og småjob under det sociale frikort vægter ${p(samlet)}, måltallet for fleksjob vægter ${p(fleksjob)} og måltallet for fritidsjob vægter ${p(fritidsjob)} ift. den samlede målopfyldelse.`
      : `${lead}Måltallet for virksomhedspraktik, løntilskud og småjob under det sociale frikort vægter ${p(samlet)} og måltallet for fleksjob vægter ${p(fleksjob)} ift. den samlede målopfyldelse.`;
  },
  /** Right footer of every printed page, in Excel's codes: &P page number, &N page count. */
  footerPages: "Side &P af &N",
  producedBy: "Udarbejdet med Jobstatus ud fra forvaltningernes ark. Tallene er beregnet af uafrundede værdier og vises afrundet.",
  /** Where Tabel 2 would stand, when it is not there: why, and what that does to the numbering. */
  noPrevious: (prevYear: number, leftOut: boolean) =>
    `Der er ingen tabel med tallene for ${prevYear} til sammenligning, fordi ${
      leftOut ? "arket Forrige år har fejl (se advarslerne)" : "projektmappen ikke har arket Forrige år"
    }. Forvaltningernes tabeller er derfor nummereret fra tabel 2. Sådan tilføjes arket: se brugervejledningen, afsnit 2.1.`,
} as const;

export type Direction = "up" | "down" | "same";

/** Texts of the Kilder sheet: where every figure of the status sheet was read. */
export const SOURCES = {
  sheetName: (year: number) => `Kilder ${year}`,
  title: (year: number, month = 12) => `Kilder til ${month === 12 ? `årsstatus ${year}` : `status for ${periodLabel(year, month)}`}: hvor hvert tal er læst`,
  intro: "Hver række er et tal, som statusarket bygger på, med den celle, det er læst fra. Klik på kilden for at gå til cellen. Først kommer vægtene og periodens sidste måned (»standard«, når de ikke står på arket Indstillinger), så regelsættet: hvilke ordninger hvert måltal omfatter, og hvor det kommer fra. Tallene for hele kommunen (KK) er summer af forvaltningernes og har ingen egen celle, undtagen måltal fra KK-rækken på Måltal.",
  header: ["Forvaltning", "Tal", "Værdi (uafrundet)", "Kilde", "Advarsel"],
  status: (scheme: string) => `Status: ${scheme}`,
  forloeb: (scheme: string) => `Antal forløb: ${scheme}`,
  maal: (group: string) => `Måltal: ${group}`,
  previous: (year: number | string) => `KK ${year} (forrige år)`,
  settingsUnit: "Indstillinger",
  weight: (group: string, year: number) => `Vægt ${year}: ${group}`,
  lastMonth: "Periodens sidste måned (1–12)",
  standardWeight: "standard (vedtaget af Borgerrepræsentationen)",
  standardMonth: "standard (hele året)",
  /** The rulebook used (issue 22): one row per target group, its schemes, its weight in percent (blank without weights). */
  rulebookUnit: "Regelsæt",
  rulebookGroup: (year: number, group: string, schemeNames: readonly string[]) => `Regelsæt ${year}: måltallet for ${group} omfatter ${listDanish(schemeNames)}`,
  rulebookBuiltin: "indbygget i Jobstatus (vedtaget af Borgerrepræsentationen)",
  /** The intro for a count with no weights in either year (2014): no weights to list first (review 22j). */
  introNoWeights:
    "Hver række er et tal, som statusarket bygger på, med den celle, det er læst fra. Klik på kilden for at gå til cellen. Først kommer periodens sidste måned (»standard«, når den ikke står på arket Indstillinger), så regelsættet: hvilke ordninger hvert måltal omfatter, og hvor det kommer fra. Året har ingen vægte, så der er ingen vægtet samlet målopfyldelse. Tallene for hele kommunen (KK) er summer af forvaltningernes og har ingen egen celle, undtagen måltal fra KK-rækken på Måltal.",
} as const;

/** Words for the generated summary ("er faldet fra … til …"). */
export const SUMMARY = {
  change: (d: Direction | undefined) => (d === "up" ? "er steget fra" : d === "down" ? "er faldet fra" : "er uændret fra"),
  /** When new targets make the percentages and the counts move in different directions. */
  samletMixed: (pctVerb: string, prevPct: string, prevYear: number | string, pctText: string, year: number | string, countVerb: string, prevStatus: string, status: string) =>
    `Den samlede målopfyldelse for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort ${pctVerb} ${prevPct} i ${prevYear} til ${pctText} i ${year}, mens antallet af helårspersoner ${countVerb} ${prevStatus} til ${status}.`,
  headCountMixed: (countVerb: string, prev: string, prevYear: number | string, now: string, year: number | string, pctVerb: string, prevPct: string, pctText: string) =>
    // »… til 87 pct.«: the abbreviation's full stop ends the sentence too.
    `Antallet af ansatte i fleksjob ${countVerb} ${prev} i ${prevYear} til ${now} i ${year}, mens målopfyldelsen for fleksjob ${pctVerb} ${prevPct} til ${pctText}${pctText.endsWith(".") ? "" : "."}`,
  samletWithPrevious: (verb: string, prevStatus: string, prevPct: string, prevYear: number | string, status: string, pctText: string, year: number | string) =>
    `Den samlede målopfyldelse for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort ${verb} ${prevStatus} helårspersoner, svarende til ${prevPct}, i ${prevYear} til ${status} helårspersoner, svarende til ${pctText}, i ${year}.`,
  samletAlone: (status: string, pctText: string, year: number | string) =>
    `Den samlede målopfyldelse for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort er ${status} helårspersoner, svarende til ${pctText}, i ${year}.`,
  largest: (name: string, years: string) => `${name} er den ordning, der udgør den største andel af målopfyldelsen ${years}.`,
  bothYears: (prev: number | string, year: number | string) => `både i ${prev} og i ${year}`,
  oneYear: (year: number | string) => `i ${year}`,
  /** `prevYear`/`year`: when the head counts were taken (»2024«, »juni 2024«); `period`: the status's period. */
  headCountWithPrevious: (verb: string, prev: string, prevYear: number | string, now: string, year: number | string, pctText: string, period: number | string = year) =>
    `Antallet af ansatte i fleksjob ${verb} ${prev} i ${prevYear} til ${now} i ${year}, svarende til en målopfyldelse på ${pctText} for ${period}.`,
  headCountAlone: (now: string, year: number | string, pctText: string, month = 12, calendarYear: number | string = year) =>
    `Status for fleksjob er ${now} ansatte i ${monthName(month)} ${calendarYear}, svarende til en målopfyldelse på ${pctText} for ${year}.`,
  leisure: (status: string, pctText: string, year: number | string) =>
    `Status for fritidsjob er ${status} helårspersoner, svarende til en målopfyldelse på ${pctText} for ${year}.`,
  weighted: (pctText: string, year: number | string) => `Den samlede, vægtede målopfyldelse for Københavns Kommune er ${pctText} for ${year}.`,
  /** A part year next to a whole year (or two periods of different length): no »steget/faldet«, and why. */
  notCompared: (previous: string, period: string) =>
    `Tallene for ${period} er ikke sammenlignet med tallene for ${previous} i tabel 2, fordi perioderne ikke er lige lange.`,
} as const;

/** Texts of the template (Opret skabelon / jobstatus skabelon). */
export const TEMPLATE = {
  unitLabel: "Forvaltning",
  yearLabel: "År",
  header: ["Ordning", "Status", "Antal forløb"],
  rows: [
    ["loentilskud", "Løntilskud (helårspersoner)"],
    ["virksomhedspraktik", "Virksomhedspraktik (helårspersoner)"],
    ["smaajob", "Småjob under det sociale frikort (helårspersoner)"],
    ["fleksjob", "Fleksjob (antal ansatte i december)"],
    ["fritidsjob", "Fritidsjob (helårspersoner)"],
  ] as const,
  guide: (year: number) =>
    `Udfyld de gule celler for ${year}. Status opgøres i helårspersoner (decimaler er tilladt; skriv tallene uafrundede), for fleksjob dog i antal ansatte i december. Antal forløb er hele tal. Klik »Valider ark« (fanen Jobstatus, gruppen Jobordninger), før arket sendes til HR.`,
  maaltalSheet: "Måltal",
  maaltalHeader: ["Forvaltning", "Navn", "Samlet måltal (virksomhedspraktik, løntilskud og småjob)", "Fleksjob", "Fritidsjob"],
  maaltalGuide: "Måltal vedtaget af Borgerrepræsentationen. Én række pr. forvaltning. En række »KK« med kommunens egne måltal er valgfri; ellers bruges summen.",
  settingsSheet: "Indstillinger",
  settingsHeader: ["År", "Samlet (virksomhedspraktik, løntilskud og småjob)", "Fleksjob", "Fritidsjob"],
  settingsGuide: "Vægte i procent for den samlede målopfyldelse. De skal give 100 pct. tilsammen for hvert år.",
  promptDecimal: "Helårspersoner: et tal, 0 eller større. Decimaler er tilladt.",
  promptWhole: "Et helt tal, 0 eller større.",
  promptTarget: "Måltal: et tal, 0 eller større.",
} as const;

/** »n.pdf« → »n.docx«: the name the user meant, with the right extension. */
const withExtension = (f: string, ext: string): string => f.replace(/\.[^./\\]*$/, "") + ext;
const EXIT_CODES = "Afslutningskoder: 0 færdig (advarsler tilladt), 1 inddata har fejl, 2 forkert brug eller fil, der ikke kan læses.";

/** Texts of the `jobstatus` command line. */
export const CLI = {
  usage: `Brug:
  jobstatus beregn FIL.xlsx [-o UD.xlsx [--overskriv]] [--json]
                                                    Beregn årsstatus og skriv statusarket i en kopi af projektmappen
  jobstatus valider FIL.xlsx [--ark KODE] [--json]  Valider projektmappen (eller ét ark); skriver intet
  jobstatus skabelon --aar ÅR [--forvaltning KODE] [--regelsaet HOVED.xlsx] -o FIL.xlsx [--overskriv]
                                                    Opret en tom projektmappe i det dokumenterede format,
                                                    eller med --forvaltning én forvaltnings fil
  jobstatus notat FIL.xlsx [-o NOTAT.docx [--overskriv]]
                                                    Skriv notatet om årsstatus som Word-dokument (samme beregning som beregn)
  jobstatus saml HOVED.xlsx FIL.xlsx … -o SAMLET.xlsx [--overskriv] [--erstat | --spring-over] [--json]
                                                    Indsæt forvaltningernes ark i en kopi af HOVED.xlsx, og vis afleveringsoversigten
  jobstatus gendan HOVED.xlsx KODE -o UD.xlsx [--overskriv]
                                                    Gendan det ark, som »saml --erstat« gemte skjult for forvaltningen
  jobstatus --help | --version

Skriv »jobstatus KOMMANDO --help« for at se en kommandos tilvalg.
${EXIT_CODES}`,
  unknownCommand: (c: string) => `Ukendt kommando »${q(c)}«. Skriv »jobstatus --help« for at se kommandoerne.`,
  unknownOption: (o: string) => `Ukendt tilvalg »${q(o)}«.`,
  missingValue: (o: string) => `Tilvalget ${o} mangler en værdi.`,
  missingFile: "Angiv den projektmappe (.xlsx), der skal bruges.",
  tooManyArgs: (a: string) => `Uventet argument »${q(a)}«.`,
  notFound: (f: string) => `Filen »${q(f)}« findes ikke.`,
  notXlsx: (f: string) => `Filen »${q(f)}« kan ikke læses som en Excel-projektmappe (.xlsx). Gem den som .xlsx i Excel, og prøv igen.`,
  sameAsInput: "Uddatafilen må ikke være den samme som inddatafilen, for Jobstatus overskriver aldrig inddata.",
  outputExists: (f: string) => `Filen »${q(f)}« findes allerede. Vælg et andet navn, eller tilføj --overskriv, hvis den skal erstattes.`,
  badYear: (y: string) => `Årstallet »${q(y)}« er ikke gyldigt. Skriv fx --aar 2025.`,
  missingYear: "Angiv året med --aar, fx --aar 2025.",
  missingOutput: "Angiv uddatafilen med -o, fx -o skabelon-2025.xlsx.",
  writeFailed: (f: string) => `Filen »${q(f)}« kunne ikke skrives. Tjek, at mappen findes, og at filen ikke er åben i Excel.`,
  interrupted: "Afbrudt. Der er ikke skrevet nogen fil, og inddata er ikke ændret.",
  unknownSheet: (s: string) => `Projektmappen har intet ark med navnet »${q(s)}«.`,
  written: (f: string, sheet: string) => `Statusarket »${q(sheet)}« er skrevet i ${q(f)}.`,
  notWritten: "Der er fejl i inddata, så statusarket er ikke skrevet. Ret fejlene herunder, og kør kommandoen igen.",
  templateWritten: (f: string) => `Skabelonen er skrevet i ${q(f)}.`,
  templateNoWeights: (y: number) =>
    `Der kendes ingen vægte for ${y}: udfyld dem på arket Indstillinger. Tæller året andre ordninger eller måltal, så skriv årets regelsæt dér (se brugervejledningen, afsnit 2.1), eller lav skabelonen med --regelsaet ud fra en projektmappe, der har det.`,
  noIssues: "Ingen fejl eller advarsler.",
  issuesHeading: (errors: number, warnings: number) => `Der er ${countIssues(errors, warnings)}:`,
  validated: (n: number) => `Der er valideret ${formatDanish(n)} ark.`,
  notDocx: (f: string) => `Notatet skal gemmes som Word-dokument: giv uddatafilen endelsen .docx (fx »${q(withExtension(f, ".docx"))}«).`,
  notatWritten: (f: string) => `Notatet er skrevet i ${q(f)}.`,
  notatNotWritten: "Der er fejl i inddata, så notatet er ikke skrevet. Ret fejlene herunder, og kør kommandoen igen.",
  notatToFill: (fields: readonly string[]) =>
    `Notatet har ${fields.length === 1 ? "et felt" : `${fields.length} felter`}, der skal udfyldes i Word (markeret med gult): ${listDanish(fields)}. Skriv dem på arket Indstillinger, så kommer de med næste gang.`,
  internal: "Der skete en uventet fejl i Jobstatus. Inddata er ikke ændret. Kontakt IT-support, og send dem kommandoen, du kørte, og denne tekst.",
  notRegularFile: (f: string) => `Navnet »${q(f)}« hører til noget, der ikke er en almindelig fil (fx en mappe eller en enhed). Jobstatus skriver ikke dér, heller ikke med --overskriv. Vælg et andet navn med -o.`,
  outputNotJobstatus: (f: string) =>
    `Filen »${q(f)}« findes allerede og er ændret, siden Jobstatus skrev den (eller også har Jobstatus ikke skrevet den). Den bliver ikke erstattet, så intet af dit arbejde går tabt. Flyt eller omdøb filen, og kør igen, vælg et andet navn med -o, eller tilføj --overskriv, hvis den skal erstattes.`,
  notXlsxOutput: (f: string) => `Uddatafilen skal være en Excel-projektmappe: giv den endelsen .xlsx (fx »${q(withExtension(f, ".xlsx"))}«).`,
  /** A file that is not an .xlsx workbook, by what it is (src/xlsx/file-kind.ts); exit code 2. */
  fileKind: {
    encrypted: (f: string) =>
      `Filen »${q(f)}« er beskyttet med en adgangskode, så Jobstatus kan ikke læse den. Åbn den i Excel, fjern adgangskoden (Filer → Oplysninger → Beskyt projektmappe → Krypter med adgangskode), gem den, og prøv igen.`,
    xls: (f: string) => `Filen »${q(f)}« er i Excels gamle format (.xls). Åbn den i Excel, gem den som Excel-projektmappe (.xlsx), og prøv igen.`,
    "zip-not-workbook": (f: string) => `Filen »${q(f)}« er ikke en Excel-projektmappe, selvom navnet ender på .xlsx (det er fx et Word-dokument). Vælg den rigtige fil.`,
    text: (f: string) => `Filen »${q(f)}« er en tekstfil (fx CSV), ikke en Excel-projektmappe. Åbn den i Excel, gem den som Excel-projektmappe (.xlsx), og prøv igen.`,
    empty: (f: string) => `Filen »${q(f)}« er tom. Vælg den rigtige fil, eller gem projektmappen igen i Excel.`,
    noAccess: (f: string) => `Du har ikke adgang til at læse filen »${q(f)}«. Tjek, at du har adgang til mappen og filen, eller bed ejeren om en kopi.`,
  },
  /** `jobstatus KOMMANDO --help`: each command's use and every option it takes. */
  help: {
    beregn: `Brug: jobstatus beregn FIL.xlsx [-o UD.xlsx [--overskriv]] [--json]

Validerer projektmappen og beregner årsstatus. Er der ingen fejl, skrives en kopi af projektmappen
med statusarket og arket Kilder, og tabellerne vises. FIL.xlsx bliver aldrig ændret.

Tilvalg:
  -o, --out UD.xlsx  Skriv kopien i UD.xlsx (endelsen skal være .xlsx). Uden -o hedder kopien
                     FIL-status-ÅR.xlsx og ligger ved siden af FIL.xlsx; den erstattes ved en ny kørsel.
  --overskriv        Erstat UD.xlsx, hvis den findes i forvejen.
  --json             Vis ét JSON-dokument i stedet for tabellerne (tallene uafrundede, som i
                     cellerne). Hvor kopien er skrevet, står på standardfejl.
  -h, --help         Vis denne hjælp.

${EXIT_CODES}`,
    valider: `Brug: jobstatus valider FIL.xlsx [--ark KODE] [--json]

Validerer projektmappen og viser fejl og advarsler med ark og celle. Skriver intet.

Tilvalg:
  --ark KODE   Vis kun meldingerne for ét ark, fx --ark BUF.
  --json       Vis ét JSON-dokument med år, ark og meldinger.
  -h, --help   Vis denne hjælp.

${EXIT_CODES}`,
    skabelon: `Brug: jobstatus skabelon --aar ÅR [--forvaltning KODE] [--regelsaet HOVED.xlsx] -o FIL.xlsx [--overskriv]

Opretter en tom projektmappe i det dokumenterede format (Måltal, Indstillinger og ét ark pr.
forvaltning), eller med --forvaltning én forvaltnings fil til udsendelse. Uden --regelsaet følger
skabelonen det indbyggede regelsæt for 2024 og 2025.

Tilvalg:
  --aar, --år ÅR      Året, fx --aar 2025 (krævet).
  --forvaltning KODE  Lav kun forvaltningens fil: BIF, BUF, KFF, SOF, SUF, TMF eller ØKF.
  --regelsaet, --regelsæt HOVED.xlsx
                      Følg årets regelsæt (eller vægte) fra arket Indstillinger i HOVED.xlsx:
                      forvaltningens rækker, Måltals kolonner og Indstillinger. HOVED.xlsx ændres ikke.
  -o, --out FIL.xlsx  Filen, der skal skrives (krævet; endelsen skal være .xlsx).
  --overskriv         Erstat FIL.xlsx, hvis den findes i forvejen.
  -h, --help          Vis denne hjælp.

${EXIT_CODES}`,
    notat: `Brug: jobstatus notat FIL.xlsx [-o NOTAT.docx [--overskriv]]

Skriver notatet om årsstatus som Word-dokument ud fra samme beregning som »jobstatus beregn«.
Er der fejl i projektmappen, skrives intet. FIL.xlsx bliver aldrig ændret.

Tilvalg:
  -o, --out NOTAT.docx  Skriv notatet i NOTAT.docx (endelsen skal være .docx). Uden -o hedder det
                        FIL-notat-ÅR.docx og ligger ved siden af FIL.xlsx.
  --overskriv           Erstat NOTAT.docx, hvis den findes i forvejen.
  -h, --help            Vis denne hjælp.

${EXIT_CODES}`,
    saml: `Brug: jobstatus saml HOVED.xlsx FIL.xlsx … -o SAMLET.xlsx [--overskriv] [--erstat | --spring-over] [--json]

Indsætter forvaltningernes ark fra FIL.xlsx … i en kopi af HOVED.xlsx og viser
afleveringsoversigten. Ingen af filerne bliver ændret.

Tilvalg:
  -o, --out SAMLET.xlsx  Filen, der skal skrives (krævet; endelsen skal være .xlsx).
  --overskriv            Erstat SAMLET.xlsx, hvis den findes i forvejen.
  --erstat               Har en forvaltning allerede et ark, så erstat det (det gamle gemmes skjult).
  --spring-over          Har en forvaltning allerede et ark, så behold det, og spring filen over.
  --json                 Vis oversigten som ét JSON-dokument.
  -h, --help             Vis denne hjælp.

${EXIT_CODES}`,
    gendan: `Brug: jobstatus gendan HOVED.xlsx KODE -o UD.xlsx [--overskriv]

Gendanner det ark, som »jobstatus saml --erstat« gemte skjult for forvaltningen KODE, i en
kopi af HOVED.xlsx. Det ark, der står der nu, gemmes skjult i stedet.

Tilvalg:
  -o, --out UD.xlsx  Filen, der skal skrives (krævet; endelsen skal være .xlsx).
  --overskriv        Erstat UD.xlsx, hvis den findes i forvejen.
  -h, --help         Vis denne hjælp.

${EXIT_CODES}`,
  },
  fileTooLarge: (f: string, n: number) =>
    `Filen »${q(f)}« fylder mere end ${formatDanish(n)} MB, og det er det største, Jobstatus læser. En forvaltnings projektmappe fylder normalt under 1 MB: gem en kopi uden billeder og store ark, og prøv igen.`,
  unpackTooLarge: (f: string, n: number) =>
    `Filen »${q(f)}« pakker ud til mere end ${formatDanish(n)} MB, og det er det meste, Jobstatus pakker ud af én fil. Gem en kopi uden billeder og store ark, og prøv igen.`,
  tooManyParts: (f: string, n: number) => `Filen »${q(f)}« består af mere end ${formatDanish(n)} dele, og det er det meste, Jobstatus læser. Gem en kopi uden billeder og store ark, og prøv igen.`,
  damaged: (f: string) => `Filen »${q(f)}« er beskadiget: dens indhold passer ikke med dens indholdsfortegnelse. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  sheetTooLarge: (f: string, sheet: string, n: number) =>
    `Arket »${q(sheet)}« i filen »${q(f)}« har data i mere end ${formatDanish(n)} celler (rækker gange kolonner), og det er det meste, Jobstatus læser af ét ark. Slet tomme rækker og kolonner med indhold langt ude til højre eller nederst, og prøv igen.`,
  textsTooLarge: (f: string, n: number) =>
    `Filen »${q(f)}« har en tabel over tekster, der pakker ud til mere end ${formatDanish(n)} MB, og det er det meste, Jobstatus læser. Gem en kopi uden store ark med tekst (fx logs og noter), og prøv igen.`,
  tooManyTexts: (f: string, n: number) =>
    `Filen »${q(f)}« indeholder mere end ${formatDanish(n)} forskellige tekster, og det er det meste, Jobstatus læser. Gem en kopi uden store ark med tekst (fx logs og noter), og prøv igen.`,
  stylesTooLarge: (f: string, n: number) =>
    `Filen »${q(f)}« har formatering, der pakker ud til mere end ${formatDanish(n)} MB, og det er det meste, Jobstatus læser. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  tooManyFormats: (f: string, n: number) =>
    `Filen »${q(f)}« har mere end ${formatDanish(n)} celleformater, og det er flere, end Excel selv tillader. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  unreliableParts: (f: string) =>
    `Filen »${q(f)}« kan ikke læses sikkert: dens projektmappe, tekster eller formatering ligger et andet sted i filen end normalt, så Jobstatus kunne komme til at læse andre tal, end Excel viser. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  textsTooComplex: (f: string, n: number) =>
    `Filen »${q(f)}« har en tabel over tekster med mere end ${formatDanish(n)} dele (tekster, tekststykker med egen formatering og lignende), og det er det meste, Jobstatus læser. Gem en kopi uden store ark med tekst (fx logs og noter), og prøv igen.`,
  stylesTooComplex: (f: string, n: number) =>
    `Filen »${q(f)}« har formatering med mere end ${formatDanish(n)} dele (skrifttyper, udfyldninger, celleformater og lignende), og det er det meste, Jobstatus læser. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  /** `skabelon --regelsaet FIL` (issue 22): the template follows the year's rulebook on FIL's Indstillinger. */
  templateFollows: (f: string, y: number) => `Skabelonen følger ordningerne, måltallene og vægtene for ${y} fra arket Indstillinger i »${q(f)}«.`,
  rulebookMissing: (f: string, y: number) =>
    `Projektmappen »${q(f)}« har hverken et regelsæt eller vægte for ${y} på arket Indstillinger, så der er ikke lavet nogen skabelon. Skriv årets regelsæt eller vægte dér, eller vælg projektmappen for ${y}.`,
  rulebookErrors: (f: string) => `Arket Indstillinger i »${q(f)}« har fejl, så der er ikke lavet nogen skabelon. Ret fejlene herunder, og kør kommandoen igen.`,
  /**
   * A cell points at a shared string the file lacks (src/xlsx/read-grid.ts, SharedStringMissingError);
   * without `cell` when the file's reference is no proper A1 reference (never echoed).
   */
  textMissing: (f: string, sheet: string, cell?: string) =>
    `${cell !== undefined ? `Cellen ${q(cell)}` : "En celle"} på arket »${q(sheet)}« i filen »${q(f)}« henviser til en tekst, som ikke findes i filen, så filen kan ikke læses sikkert. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  /** Merged cells over their limit (src/xlsx/merge-bounds.ts, MergeLimitError with a range). */
  mergeTooLarge: (f: string, sheet: string, range: string, n: number) =>
    `Arket »${q(sheet)}« i filen »${q(f)}« har en fletning over et meget stort område (${q(range)}). Jobstatus læser højst ${formatDanish(n)} flettede celler i en fil. Ophæv fletningen, eller flet kun de celler, der skal vises som én, og prøv igen.`,
  /** Too many merges in a sheet or a file (src/xlsx/merge-bounds.ts, MergeLimitError without a range). */
  tooManyMerges: (f: string, sheet: string, n: number, wholeFile: boolean) =>
    `Filen »${q(f)}« har for mange flettede områder${wholeFile ? "" : ` på arket »${q(sheet)}«`}: Jobstatus læser højst ${formatDanish(n)} ${wholeFile ? `i hele filen (grænsen blev nået på arket »${q(sheet)}«)` : "på ét ark"}. Ophæv de fletninger, der ikke er nødvendige, og prøv igen.`,
  /** Rows and cells of sheets exceljs reads whole, over their limit (src/xlsx/merge-bounds.ts, MergeLimitError of kind »elements«). */
  sheetNotPlain: (f: string, sheet: string, n: number) =>
    `Arket »${q(sheet)}« i filen »${q(f)}« er for stort til, at Jobstatus kan læse det sikkert. Ark med links, eller som ikke er gemt på Excels måde, kan Jobstatus kun læse op til ${formatDanish(n)} rækker og celler af i alt. Flyt de rækker, der ikke skal bruges, til en anden fil, og prøv igen.`,
  /** A cell's shared formula cannot be read: it slides off the sheet, or its first cell has no formula (src/xlsx/read-grid.ts, SharedFormulaError). */
  formulaBroken: (f: string, sheet: string, cell: string) =>
    `Formlen i cellen ${q(cell)} på arket »${q(sheet)}« i filen »${q(f)}« kan ikke læses: den er en kopi af en formel i en anden celle, som enten ikke har en formel eller ville pege uden for arket. Filen kan derfor ikke læses sikkert. Åbn den i Excel, gem den igen som .xlsx, og prøv igen.`,
  /**
   * A file that is an .xlsx package with a workbook part, passed the reader's checks, yet could not be
   * read (exceljs failed on it; src/cli/read-error.ts): not »not a workbook«. `sheet` when a sheet
   * names a relationship (a link …) the file lacks.
   */
  readError: (f: string, sheet?: string) =>
    `Filen »${q(f)}« er en Excel-projektmappe (.xlsx), men Jobstatus kunne ikke læse den${
      sheet !== undefined ? `: arket »${q(sheet)}« henviser til noget (fx et link), som ikke findes i filen` : `. Filen kan være beskadiget, eller fejlen kan være Jobstatus'`
    }. Åbn filen i Excel (sig ja, hvis Excel tilbyder at reparere den), gem den igen som .xlsx, og prøv igen. Sker det igen, så kontakt IT-support, og send filen med.`,
  /**
   * The copy would get a sheet named as a sheet of the file that is no worksheet (a chart sheet …;
   * src/cli/other-sheets.ts): two tabs may not have one name, and Jobstatus does not read that sheet.
   */
  otherSheetNameTaken: (f: string, sheet: string) =>
    `Filen »${q(f)}« har allerede et ark, der hedder »${q(sheet)}«, men som ikke er et almindeligt ark med celler (fx et diagramark). Jobstatus skal skrive et ark med det navn, og to ark må ikke hedde det samme. Der er ikke skrevet nogen fil. Omdøb arket i Excel, og prøv igen.`,
  /**
   * The copy can only be written by exceljs (the splice does not read the package with certainty),
   * which drops sheets that are no worksheets (src/cli/other-sheets.ts): refused rather than lost.
   */
  otherSheetsNotKept: (f: string, sheets: readonly string[]) =>
    `Jobstatus kan ikke skrive en kopi af filen »${q(f)}« uden at miste ${sheets.length === 1 ? "arket" : "arkene"} ${listDanish(sheets.map((s) => `»${q(s)}«`))}, som ikke er ${sheets.length === 1 ? "et almindeligt ark med celler (fx et diagramark)" : "almindelige ark med celler (fx diagramark)"}. Der er ikke skrevet nogen fil. Åbn filen i Excel, gem den igen som .xlsx, og prøv igen.`,
  /**
   * A sheet's XML holds a row twice (src/xlsx/repeated-cells.ts, SheetDamagedError): exceljs would
   * read the later one in place of the earlier without a word.
   */
  rowTwice: (f: string, sheet: string, row: number) =>
    `Arket »${q(sheet)}« i filen »${q(f)}« er beskadiget: række ${row} står to gange i filen, så Jobstatus kan ikke vide, hvilke tal i rækken der gælder. Åbn filen i Excel (sig ja, hvis Excel tilbyder at reparere den), tjek tallene i række ${row}, gem filen igen som .xlsx, og prøv igen.`,
  /** A sheet's XML holds a cell twice, in one row or in two (SheetDamagedError); without `cell` when its reference is past Excel's last row. */
  cellTwice: (f: string, sheet: string, row: number, cell?: string) =>
    `Arket »${q(sheet)}« i filen »${q(f)}« er beskadiget: ${cell !== undefined ? `cellen ${q(cell)}` : `en celle i række ${row}`} står to gange i filen, så Jobstatus kan ikke vide, hvad der gælder i cellen. Åbn filen i Excel (sig ja, hvis Excel tilbyder at reparere den), tjek ${cell !== undefined ? `cellen ${q(cell)}` : `række ${row}`}, gem filen igen som .xlsx, og prøv igen.`,
  /** A cell whose reference names another row than the row it stands in (SheetDamagedError); `row` is the row it stands in. */
  cellInOtherRow: (f: string, sheet: string, row: number, cell?: string) =>
    `Arket »${q(sheet)}« i filen »${q(f)}« er beskadiget: ${cell !== undefined ? `cellen ${q(cell)}` : "en celle"} står i filen under række ${row}, så Jobstatus kan ikke vide, hvilken række den hører til. Åbn filen i Excel (sig ja, hvis Excel tilbyder at reparere den), tjek række ${row}${cell !== undefined ? ` og cellen ${q(cell)}` : ""}, gem filen igen som .xlsx, og prøv igen.`,
} as const;

/**
 * Office errors (Excel.ErrorCodes and OfficeExtension.ErrorCodes, as Excel sends them) as Danish
 * sentences with what to do. The operation that failed is named first (OFFICE_OPERATION_FAILED).
 */
export const OFFICE_ERRORS: Readonly<Record<string, string>> = {
  RequestPayloadSizeLimitExceeded: "Projektmappen er for stor til at blive behandlet på én gang i Excel på nettet. Slet ark, der ikke skal bruges, eller brug Excel på skrivebordet.",
  ResponsePayloadSizeLimitExceeded: "Projektmappen er for stor til at blive læst på én gang i Excel på nettet. Slet ark, der ikke skal bruges, eller brug Excel på skrivebordet.",
  RangeExceedsLimit: "Et område i projektmappen er større, end Excel kan håndtere på én gang. Slet tomme rækker og kolonner under og til højre for dataene, og prøv igen.",
  OperationCellsExceedLimit: "Handlingen omfatter flere celler, end Excel kan håndtere på én gang. Slet tomme rækker og kolonner under og til højre for dataene, og prøv igen.",
  MemoryLimitReached: "Excel løb tør for hukommelse. Luk andre projektmapper, og prøv igen.",
  ItemAlreadyExists: "Et ark eller navn findes allerede. Opdater panelet, og prøv igen.",
  ItemNotFound: "Et ark forsvandt, mens Jobstatus arbejdede (blev det slettet eller omdøbt?). Prøv igen.",
  InvalidArgument: "Excel afviste en værdi fra Jobstatus. Prøv igen; sker det igen, så kontakt IT-support, og send teksten fra »Selvtest«.",
  InvalidReference: "Excel afviste en henvisning fra Jobstatus. Prøv igen; sker det igen, så kontakt IT-support, og send teksten fra »Selvtest«.",
  InvalidOperation: "Excel kunne ikke udføre handlingen lige nu. Prøv igen om lidt.",
  InvalidOperationInCellEditMode: "En celle er ved at blive redigeret. Tryk Enter eller Esc i Excel, og prøv igen.",
  InactiveWorkbook: "Projektmappen er ikke aktiv, fordi en anden projektmappe er åben i samme vindue. Skift til projektmappen, og prøv igen.",
  AccessDenied: "Projektmappen er skrivebeskyttet, eller arket er beskyttet. Fjern beskyttelsen, og prøv igen.",
  UnsupportedSheet: "Arket er af en type, som Jobstatus ikke kan arbejde i (fx et diagramark). Vælg et almindeligt ark med celler, og prøv igen.",
  ActivityLimitReached: "Excel har travlt. Vent et øjeblik, og prøv igen.",
  RequestAborted: "Excel afbrød handlingen. Prøv igen.",
  ApiNotFound: "Denne version af Excel mangler en funktion, som Jobstatus bruger. Opdater Excel, eller brug Excel på nettet.",
  NotImplemented: "Denne version af Excel mangler en funktion, som Jobstatus bruger. Opdater Excel, eller brug Excel på nettet.",
  UnsupportedOperation: "Excel understøtter ikke handlingen her. Opdater Excel, eller brug Excel på nettet.",
  Conflict: "Projektmappen blev ændret samtidig af en anden. Prøv igen.",
  GeneralException: "Excel meldte en uventet fejl. Prøv igen; projektmappen er ikke ændret ud over det, der allerede står.",  UndoNotSupported: "Excel kunne ikke samle ændringerne i ét fortryd-trin, og en del af dem kan allerede være skrevet. Se efter i projektmappen, og prøv igen.",
};
/** The operation an Office error stopped, named first in the message. */
export type OfficeOperation = "overview" | "validate" | "calculate" | "template" | "select" | "selftest" | "notat" | "collect";
export const OFFICE_OPERATION_FAILED: Readonly<Record<OfficeOperation, string>> = {
  overview: "Projektmappen kunne ikke læses.",
  validate: "Valideringen blev ikke gennemført.",
  calculate: "»Beregn status« blev ikke gennemført.",
  template: "»Opret skabelon« blev ikke gennemført.",
  select: "Cellen kunne ikke vælges.",
  selftest: "Selvtesten blev ikke gennemført.",
  notat: "Notatet kunne ikke laves.",
  collect: "Forvaltningernes ark blev ikke indsat.",
};
/** Clicking an issue on a hidden sheet. */
export const OFFICE_SHEET_HIDDEN = (sheet: string): string =>
  `Arket »${q(sheet)}« er skjult, så cellen kan ikke vises. Vis arket (højreklik på en arkfane, og vælg Vis), og vælg linjen igen.`;
export const OFFICE_ERROR_FALLBACK = "Excel meldte en fejl, som Jobstatus ikke kender. Prøv igen. Dine data er ikke ændret.";
export const OFFICE_ERROR_PARTIAL_WRITE = "Skrivningen blev afbrudt. Dine egne ark er ikke ændret; statusarket kan være ufuldstændigt og bliver erstattet, næste gang du klikker »Beregn status«.";
export const OFFICE_NOT_EXCEL = "Jobstatus kører kun i Excel. Åbn projektmappen i Excel (på skrivebordet eller på nettet), og start tilføjelsesprogrammet derfra.";
/** »Opret skabelon« follows the year's rulebook on Indstillinger (issue 22): errors there stop it. */
export const OFFICE_TEMPLATE_SETTINGS_ERRORS = "Regelsættet på arket Indstillinger har fejl, så skabelonen er ikke oprettet. Klik »Valider alle«, ret fejlene, og prøv igen.";
/** »Valider ark« while the active sheet is not a worksheet (a chart sheet; OfficeDev/office-js#2444). */
export const OFFICE_ACTIVE_NOT_WORKSHEET = "Det ark, du står på, er ikke et almindeligt ark med celler (fx et diagramark), så det kan ikke valideres. Gå til et forvaltningsark, og klik »Valider ark« igen, eller klik »Valider alle«.";

const plural = (n: number, one: string, many: string): string => `${formatDanish(n)} ${n === 1 ? one : many}`;
/** »3 fejl og 1 advarsel«, »2 advarsler«, »1 fejl«. */
const countIssues = (errors: number, warnings: number): string =>
  [errors > 0 ? plural(errors, "fejl", "fejl") : "", warnings > 0 ? plural(warnings, "advarsel", "advarsler") : ""].filter(Boolean).join(" og ") || "ingen fejl";
/** »BIF, BUF og KFF«. */
const listDanish = (items: readonly string[], last: "og" | "eller" = "og"): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1] ?? ""}`;

/** Texts of the task pane and the ribbon commands (src/taskpane, src/commands). */
export const UI = {
  title: "Jobstatus",
  subtitle: "Årsstatus for de særlige jobordninger i KK",
  loading: "Indlæser Jobstatus …",
  workbook: {
    heading: "Projektmappen",
    year: "År",
    yearUnknown: "Ikke fundet",
    maaltal: "Måltal-ark",
    found: "Fundet",
    missing: "Mangler",
    units: (n: number) => `Forvaltninger med ark (${formatDanish(n)})`,
    unitsNone: "Ingen fundet",
    unitsMissing: (n: number) => `Mangler ark (${formatDanish(n)})`,
    unknownSheets: "Ark, der ikke står på Måltal",
    previous: "Forrige år (tabel 2)",
    notRead: "Projektmappen er ikke læst endnu.",
  },
  actions: {
    label: "Handlinger",
    validateSheet: "Valider ark",
    validateSheetHint: "Valider det ark, du står i, og markér celler med fejl.",
    validateAll: "Valider alle",
    validateAllHint: "Valider alle ark i projektmappen, og markér celler med fejl.",
    calculate: "Beregn status",
    calculateHint: "Beregn årsstatus og skriv statusarket.",
    template: "Opret skabelon",
    templateHint: "Tilføj de ark, der mangler: Måltal, Indstillinger og ét ark pr. forvaltning. De ark, der findes i forvejen, bliver ikke ændret.",
    templateYear: "År for skabelonen",
    notat: "Download notat (Word)",
  },
  busy: {
    overview: "Læser projektmappen …",
    validateActive: "Validerer arket …",
    validateAll: "Validerer alle ark …",
    calculate: "Beregner status …",
    template: "Opretter skabelonen …",
    notat: "Skriver notatet …",
  },
  result: {
    heading: (year: number) => `Resultat for ${year}`,
    kk: "Samlet målopfyldelse for Københavns Kommune (vægtet)",
    groups: { samlet: "Virksomhedspraktik, løntilskud og småjob", fleksjob: "Fleksjob", fritidsjob: "Fritidsjob" },
    units: "Samlet målopfyldelse pr. forvaltning (vægtet)",
    sheet: (name: string) => `Hele rapporten står i arket »${q(name)}«.`,
  },
  issues: {
    heading: "Fejl og advarsler",
    /** A count as a label (the group's badge): »3 fejl og 1 advarsel«. */
    count: countIssues,
    /** The count as a sentence above the list. */
    summary: (errors: number, warnings: number) => `Der er ${countIssues(errors, warnings)}.`,
    scopeSheet: (sheet: string) => `Arket »${q(sheet)}«`,
    scopeAll: "Hele projektmappen",
    scopeCalculation: "Beregning af status",
    none: "Ingen fejl eller advarsler.",
    hint: "Vælg en linje for at gå til cellen i Excel.",
    wholeSheet: "Hele arket",
    goTo: (location: string) => `Gå til ${location}`,
  },
  notice: {
    failedTitle: "Det lykkedes ikke.",
    validateSheetOk: (sheet: string) => `Ingen fejl eller advarsler i arket »${q(sheet)}«.`,
    validateAllOk: "Ingen fejl eller advarsler i projektmappen.",
    validateProblems: (errors: number, warnings: number, marked: number) =>
      `Der er ${countIssues(errors, warnings)}.${marked > 0 ? ` Der er markeret ${plural(marked, "celle", "celler")} med farve. Når du har rettet en celle og validerer igen, fjernes dens markering.` : ""}`,
    marksProtected: (sheets: readonly string[]) =>
      `${sheets.length === 1 ? "Arket" : "Arkene"} ${listDanish(sheets.map((s) => `»${q(s)}«`))} er beskyttet. Derfor er fejlene dér ikke markeret med farve. De står alle i listen.`,
    undoOne: "Fortryd (Ctrl+Z) fjerner hele statusarket i ét trin.",
    undoMany: "I denne version af Excel kan statusarket ikke altid fortrydes med Ctrl+Z. Skal tallene opdateres, så klik »Beregn status« igen; skal arket ikke bruges, så slet det.",
    marksReadOnly: "Projektmappen er skrivebeskyttet. Derfor er fejlene ikke markeret med farve. De står alle i listen.",
    calculateDone: (sheet: string, pct: string) => `Statusarket »${q(sheet)}« er skrevet. Samlet målopfyldelse for Københavns Kommune: ${pct}`,
    calculateDoneWarnings: (sheet: string, pct: string, warnings: number) =>
      `Statusarket »${q(sheet)}« er skrevet. Samlet målopfyldelse for Københavns Kommune: ${pct} Se ${plural(warnings, "advarsel", "advarsler")} i listen.`,
    calculateBlocked: (errors: number) =>
      `Status er ikke beregnet, fordi projektmappen har ${plural(errors, "fejl", "fejl")}. Ret ${errors === 1 ? "den" : "dem"} (se listen), og klik »Beregn status« igen.`,
    templateCreated: (sheets: readonly string[]) => `Skabelonen er oprettet. ${sheets.length === 1 ? "Nyt ark" : "Nye ark"}: ${listDanish(sheets)}.`,
    templateNothing: "Alle skabelonens ark findes allerede. Intet er ændret.",
    templateYearInvalid: "Feltet hedder »År for skabelonen«.",
    notatDone: (file: string) => `Notatet er downloadet som Word-dokument: »${q(file)}«.`,
    notatWarnings: (warnings: number) => ` Se ${plural(warnings, "advarsel", "advarsler")} i listen.`,
    notatToFill: (fields: readonly string[]) =>
      ` Der er ${fields.length === 1 ? "et felt" : `${formatDanish(fields.length)} felter`}, der skal udfyldes i Word (markeret med gult): ${listDanish(fields)}. Skriv dem på arket Indstillinger, så kommer de med næste gang.`,
    notatBlocked: (errors: number) =>
      `Notatet er ikke lavet, fordi projektmappen har ${plural(errors, "fejl", "fejl")}. Ret ${errors === 1 ? "den" : "dem"} (se listen), og klik »Download notat (Word)« igen.`,
    notatMac: "Notatet kan ikke downloades på Mac og iPad.",
    notatMacDetail:
      "Excel på Mac og iPad tillader ikke, at et tilføjelsesprogram downloader filer fra panelet. Lav notatet med kommandoen »jobstatus notat FIL.xlsx -o notat.docx«, eller åbn projektmappen i Excel på nettet og klik »Download notat (Word)« der.",
    unexpected: "Der skete en uventet fejl i Jobstatus. Prøv igen; sker det igen, så kontakt IT-support, og send teksten fra »Selvtest«.",
    dismiss: "Luk beskeden",
    statusHidden: (sheet: string) => `Status er opdateret i det skjulte ark »${q(sheet)}«. Du kan vise arket ved at højreklikke på en af arkfanerne nederst og vælge »Vis«.`,
    /** A button's code (a chunk the pane loads on its first click) could not be fetched: nothing was read or changed. */
    partNotLoaded: "Knappen kunne ikke indlæses. Intet er ændret. Prøv igen om lidt; sker det igen, så luk panelet, og åbn det igen.",
  },
} as const;


/**
 * Texts of the pane's two modes, its result and its issues list (issue 11). Kept apart from UI so
 * the pane's layout can grow without touching the strings above.
 */
export const PANE = {
  mode: {
    label: "Visning",
    department: "Forvaltning",
    hr: "HR",
    departmentHint: "Til forvaltningen: valider arket, før det sendes til HR.",
    hrHint: "Til HR: valider alle ark, og beregn status for hele kommunen.",
    switchToDepartment: "Skift til visningen for forvaltninger",
    switchToHr: "Skift til visningen for HR",
  },
  actions: {
    validateMine: "Valider ark",
    validateMineHint: "Valider det ark, du står i, og markér celler med fejl.",
    revalidate: "Valider igen",
    recalculate: "Beregn igen",
    nextProblem: "Næste problem",
  },
  workbook: {
    /** The one-line summary of the folded workbook card. */
    line: (year: number | undefined, units: number, mode: "department" | "hr") =>
      [
        year !== undefined ? `År ${year}` : "År ikke fundet",
        mode === "department" ? (units === 1 ? "ét forvaltningsark" : `${formatDanish(units)} forvaltningsark`) : `${formatDanish(units)} ${units === 1 ? "forvaltning" : "forvaltninger"} med ark`,
      ].join(" · "),
    departmentSheets: (n: number) => `Forvaltningens ark (${formatDanish(n)})`,
    departmentNoMaaltal: "Måltal står i HR's projektmappe, ikke i forvaltningens fil.",
  },
  verdict: {
    departmentReady: "Arket er klar. Gem det, og send det til HR.",
    departmentFix: "Ret cellerne i listen, og klik »Valider igen«.",
    notDepartmentSheet: (sheet: string, own: readonly string[], button: string) =>
      `Arket »${q(sheet)}« er ikke et forvaltningsark. Der er intet at validere her. ${
        own.length === 0
          ? "Gå til forvaltningens ark"
          : own.length === 1
            ? `Gå til dit eget ark, »${own[0] ?? ""}«`
            : `Gå til dit eget ark (${listDanish(own.map((o) => `»${q(o)}«`), "eller")})`
      }, og klik »${q(button)}« igen.`,
    calculateDone: (sheet: string, pct: string) => `Statusarket »${q(sheet)}« er skrevet. Samlet målopfyldelse for Københavns Kommune: ${pct}`,
    calculateWarnings: (warnings: number) => `Se ${plural(warnings, "advarsel", "advarsler")} i listen.`,
    templateYearInvalid: "Skriv et årstal mellem 2000 og 2100.",
  },
  result: {
    legendBar: "Bjælken viser målopfyldelsen op til 150 pct.",
    legendTarget: "Stregen er måltallet (100 pct.).",
    legendMet: "Et flueben: måltallet er nået.",
    met: "Måltallet er nået",
    /** The gap of a built-in target, in the unit of its measure from the rulebook (issue 22: not by the group's id). */
    gap: (unit: string, group: string, kind: "short" | "nearly" | "met" | "over", amount: number, measure: Measure) => {
      const who = unit === "KK" ? "Kommunen" : unit;
      const units = paneUnits(measure, group);
      // Named for every group, also the combined schemes: a weighted ✓ next to a gap for one group must not read as a contradiction.
      const of = group === COMBINED_TARGET ? " for virksomhedspraktik, løntilskud og småjob" : ` for ${group}`;
      const n = `${formatDanish(amount)} ${amount === 1 ? units[0] : units[1]}`;
      switch (kind) {
        case "short":
          return `${who} mangler ${n} for at nå måltallet${of}.`;
        case "nearly":
          return `${who} mangler under én ${units[0]} for at nå måltallet${of}.`;
        case "met":
          return `${who} når præcis måltallet${of}.`;
        case "over":
          return amount === 0 ? `${who} er lige over måltallet${of}.` : `${who} er over måltallet${of} med ${n}.`;
      }
    },
  },
  issues: {
    filterLabel: "Vis",
    filterAll: (n: number) => `Alle (${formatDanish(n)})`,
    filterErrors: (n: number) => `Fejl (${formatDanish(n)})`,
    filterWarnings: (n: number) => `Advarsler (${formatDanish(n)})`,
    toolbar: "Listen over fejl og advarsler",
    more: (n: number) => `Vis ${plural(n, "linje mere", "linjer mere")}`,
    noneInFilter: "Ingen linjer af denne slags.",
    noNext: "Der er ikke flere problemer med en celle i listen.",
  },
  page: {
    back: "Tilbage",
  },
  /** The pane's top heading per view (Office's own title bar already says »Jobstatus«). */
  heading: {
    department: "Tjek dit ark",
    hr: (year: number | undefined) => (year !== undefined ? `Årsstatus ${year}` : "Årsstatus"),
  },
  /** The clerk's verdict card. */
  clerk: {
    label: "Dit arks status",
    notChecked: "Arket er ikke valideret endnu",
    notCheckedNext: "Klik »Valider ark«, før du sender arket til HR.",
    notReady: (errors: number, cells: number) => `Ikke klar: ${plural(errors, "fejl", "fejl")}${cells > 0 ? ` i ${plural(cells, "celle", "celler")}` : ""}`,
    notReadyNext: "Ret cellerne i listen, og klik »Valider ark« igen.",
    ready: "Klar til HR",
    toRead: (n: number) => `${plural(n, "advarsel", "advarsler")} at læse`,
    toReadNext: "Læs advarslerne i listen. Er tallet rigtigt, så klik »Tallet er rigtigt«.",
    readyNext: "Gem arket, og send det til HR.",
    sheet: (sheet: string) => `Arket »${sheet}«`,
    confirm: "Tallet er rigtigt",
    confirmedHint: "Markeringen gælder kun i panelet, indtil du lukker det. Den ændrer ikke tallet.",
    wentToSheet: (sheet: string) => `Jobstatus har valgt arket »${sheet}«, fordi det er forvaltningens eneste ark.`,
  },
  /** HR's steps, in the order of the work. */
  steps: {
    files: "1. Filer",
    validate: "2. Valider",
    calculate: "3. Beregn",
    notat: "4. Notat",
    delivered: (n: number, total: number) =>
      total === 1
        ? n === 1
          ? "Forvaltningen har afleveret et udfyldt ark."
          : "Forvaltningen har ikke afleveret et udfyldt ark endnu."
        : n === total
          ? `Alle ${formatDanish(total)} forvaltninger har afleveret et udfyldt ark.`
          : n === 0
            ? `Ingen af de ${formatDanish(total)} forvaltninger har afleveret et udfyldt ark endnu.`
            : `Udfyldt ark afleveret: ${formatDanish(n)} af ${formatDanish(total)} forvaltninger.`,
    noMaaltal: "Projektmappen har intet Måltal-ark. Opret skabelonen under »Skabeloner«.",
    templates: "Skabeloner",
    unitsLabel: "Forvaltningerne. Vælg en for kun at se dens fejl og advarsler.",
    chipValid: "gyldig",
    chipMissing: "mangler",
    chipEmpty: "tom skabelon",
    chipNotChecked: "ikke valideret",
    chipIssues: (errors: number, warnings: number) => countIssues(errors, warnings),
    notatHint: "Beregner årsstatus og downloader notatet som Word-dokument, klar til Borgerrepræsentationen. Projektmappen ændres ikke.",
  },
  /** The message bars' short texts (at most two lines at 320 px); the details go below the bar. */
  bar: {
    validateProblems: (errors: number, warnings: number, marked: number) =>
      `Der er ${countIssues(errors, warnings)}${marked > 0 ? `, og ${plural(marked, "celle", "celler")} er markeret` : ""}.`,
    calculateDone: (sheet: string) => (sheet ? "Statusarket er skrevet." : "Status er skrevet."),
    calculateBlocked: (errors: number) => `Status er ikke beregnet: ${plural(errors, "fejl", "fejl")} skal rettes først.`,
    showSheet: "Vis arket",
    notatDone: (file: string) => `Notatet er downloadet: »${file}«.`,
    notatBlocked: (errors: number) => `Notatet er ikke lavet: ${plural(errors, "fejl", "fejl")} skal rettes først.`,
  },
  result2: {
    /** The gap in a line that already names the group and the forvaltning (»mangler 296 helårspersoner«). */
    gapShort: (group: string, kind: "short" | "nearly" | "met" | "over", amount: number, measure: Measure) => {
      const units = paneUnits(measure, group);
      const n = `${formatDanish(amount)} ${amount === 1 ? units[0] : units[1]}`;
      switch (kind) {
        case "short":
          return `mangler ${n}`;
        case "nearly":
          return `mangler under én ${units[0]}`;
        case "met":
          return "når præcis måltallet";
        case "over":
          return amount === 0 ? "lige over måltallet" : `${n} over måltallet`;
      }
    },
    weighted: "Vægtet i alt",
    perGroup: "Pr. måltal",
    units: "Pr. forvaltning",
  },
  footer: {
    label: "Visning og hjælp",
  },
} as const;

/** A scheme's name (the rulebook's) inside a sentence: »småjob under det sociale frikort«. */
const lowerScheme = (name: string): string => name.charAt(0).toLocaleLowerCase("da-DK") + name.slice(1);

/**
 * Labels of the notat's fields on the Indstillinger sheet (label in one cell, value to its right).
 * Matched like every other label: case, spaces, colons and parentheses do not matter.
 */
export const NOTAT_FIELD_LABELS = {
  sagsnummerF2: "Sagsnummer i F2",
  dokumentnummerF2: "Dokumentnummer i F2",
  sagsnummerEdoc: "Sagsnummer i eDoc",
  dato: "Notatets dato",
  vedtagetSamlet: "Måltal for virksomhedspraktik, løntilskud og småjob vedtaget",
  vedtagetFleksjob: "Måltal for fleksjob vedtaget",
  vedtagetFritidsjob: "Måltal for fritidsjob vedtaget",
  afsender: "Afsender",
  afsenderForvaltning: "Afsenders forvaltning",
  adresse: "Adresse",
  postnummerBy: "Postnummer og by",
} as const;

/** Texts of the Word notat (`jobstatus notat`, »Download notat (Word)«): the notat's own wording. */
export const NOTAT = {
  heading: "NOTAT",
  title: (year: number, month = 12) => REPORT.title(year, month),
  /** »perioden januar til og med december 2025« */
  period: (firstMonth: number, lastMonth: number, year: number) =>
    `perioden ${MONTHS[firstMonth - 1] ?? ""} til og med ${MONTHS[lastMonth - 1] ?? ""} ${year}`,
  /** »hele 2025«, or the period when it is part of the year. */
  wholeOrPeriod: (whole: boolean, period: string, year: number) => (whole ? `hele ${year}` : period),
  intro: (period: string) => `I denne status præsenteres målopfyldelsen for KK som arbejdsplads for ${period} for følgende jobordninger:`,
  /** The schemes' names (the rulebook's), in the notat's order: one bullet each. */
  schemeList: (names: readonly string[]): string[] => [...names],
  /** A date as the notat writes its own date: 11-03-2026. */
  shortDate: (y: number, m: number, d: number) => `${String(d).padStart(2, "0")}-${String(m).padStart(2, "0")}-${y}`,
  /** A date in running text: 1. februar 2024. */
  longDate: (y: number, m: number, d: number) => `${d}. ${MONTHS[m - 1] ?? ""} ${y}`,
  /** Shown in a field left to fill in, highlighted in Word. */
  toFill: (what: string) => `[Udfyld: ${what}]`,
  fieldNames: {
    sagsnummerF2: "sagsnummer i F2",
    dokumentnummerF2: "dokumentnummer i F2",
    sagsnummerEdoc: "sagsnummer i eDoc",
    dato: "dato",
    vedtaget: "dato for vedtagelse",
    afsender: "afsender",
    afsenderForvaltning: "afsenders forvaltning",
    adresse: "adresse",
    postnummerBy: "postnummer og by",
  },
  adopted: (clauses: readonly string[]) => `Måltallene i denne status blev vedtaget af Borgerrepræsentationen ${listDanish(clauses)}.`,
  adoptedClause: (date: string, schemes: readonly string[]) =>
    `den ${date} for ${schemes.length > 1 ? "ordningerne " : ""}${listDanish(schemes.map(lowerScheme))}`,
  targetsExplained: (withFritidsjob: boolean) =>
    `Der er ét samlet måltal for virksomhedspraktik, løntilskud og småjob under det sociale frikort per forvaltning samt ét måltal for ${withFritidsjob ? "hhv. fleksjob og fritidsjob" : "fleksjob"} per forvaltning.`,
  methodCombined: (span: string) =>
    `Den procentvise målopfyldelse for ordningerne virksomhedspraktik, løntilskud og småjob under det sociale frikort angiver målopfyldelsen for ${span}. Måltal og status for disse ordninger opgøres i helårspersoner.`,
  methodHeadCount: (month: string, year: number, whole: boolean) =>
    `Den procentvise målopfyldelse for fleksjob angiver målopfyldelsen i ${month} ${year}. Måltallet er fastlagt som antal fleksjobansatte. Målopfyldelsen bliver opgjort ved at se på antal fleksjobansatte ved udgangen af ${whole ? "året" : "perioden"}.`,
  methodLeisure: (span: string) => `Den procentvise målopfyldelse for fritidsjob angiver målopfyldelsen for ${span}. Måltal og status opgøres i helårspersoner.`,
  tablesKK: (year: number | string, previousYear: number | string | null, comparable = true) =>
    `Af tabel 1 fremgår status, måltal og målopfyldelse for ${year} fordelt på de forskellige ordninger for Københavns Kommune.${
      previousYear === null ? "" : comparable ? ` Til sammenligning fremgår af tabel 2 status, måltal og målopfyldelse for ${previousYear}.` : ` Tabel 2 viser status, måltal og målopfyldelse for ${previousYear}.`
    }`,
  tablesUnits: (first: number, last: number, count: number, period: string) =>
    count === 1
      ? `Af tabel ${first} fremgår status, måltal og målopfyldelse for forvaltningen for ${period}.`
      : `Af tabel ${first}–${last} fremgår status, måltal og målopfyldelse for de ${count} forvaltninger for ${period}.`,
  /** The fleksjob footnote, with the period's last month. */
  footnoteHeadCount: (month: string, year: number, table2?: { year: number; month: number }) =>
    `* Status for fleksjob er opgjort i antal ansatte i ${month} ${year}${table2 ? ` (i tabel 2: ${monthName(table2.month)} ${table2.year})` : ""}`,
  pageNumber: { before: "Side ", between: " af " },
  fileName: (year: number, month = 12) => (month === 12 ? `Notat årsstatus ${year}.docx` : `Notat status januar-${MONTHS[month - 1] ?? ""} ${year}.docx`),
} as const;

/** Texts of the file HR sends one forvaltning (`jobstatus skabelon --forvaltning`). */
export const FORVALTNING_TEMPLATE = {
  notInUseLabel: (year: number) => `Fritidsjob (ikke i brug i ${year})`,
  title: (name: string, year: number) => `Indberetning for ${q(name)} ${year}`,
  protection:
    "Kun de gule celler kan udfyldes; resten af arket er beskyttet, så overskrifter og rækker bliver, som HR læser dem. Skal en tekst alligevel ændres: Gennemse → Fjern arkbeskyttelse (der er ingen adgangskode).",
  sendBack: "Gem filen som .xlsx med dette ark, og send den til HR. Omdøb ikke arket: navnet er forvaltningens kode.",
  unknownUnit: (code: string, known: readonly string[]) => `Der er ingen forvaltning med koden »${q(code)}«. Brug en af ${listDanish(known, "eller")}.`,
  missingUnit: "Angiv forvaltningen med --forvaltning, fx --forvaltning BUF.",
  weightsUnknown: (y: number) =>
    `Der kendes ingen vægte for ${y}, så forvaltningen kan ikke selv validere sit ark. Lav filen ud fra jeres projektmappe for ${y}, hvor Indstillinger har årets regelsæt eller vægte: tilføj --regelsaet HOVED.xlsx.`,
  written: (f: string, code: string) => `Skabelonen til ${code} er skrevet i ${q(f)}. Kun de gule celler kan udfyldes.`,
} as const;

/** A key figure for the overview: one decimal, Danish separators; »–« where there is none. */
const figure = (v: number | null | undefined, decimals = 1): string => (v === null || v === undefined ? "–" : formatDanish(v, decimals));

/** A key figure as the collect texts need it (core's KeyFigure). */
export interface KeyFigureWords {
  readonly id: string;
  readonly name: string;
  readonly measure: Measure;
  readonly status: number | null;
}
/** Decimals a figure in a measure is shown with: one where decimals are allowed, else none. */
const measureDecimals = (m: Measure): number => (MEASURE_NAMES[m].decimals ? 1 : 0);
/** »samlet status 48,9«, »fleksjob 50«, »jobrotation 100«. */
const keyFigureText = (g: KeyFigureWords): string => `${g.id === "samlet" ? "samlet status" : lowerFirst(g.name)} ${figure(g.status, measureDecimals(g.measure))}`;

/** A delivered file with a row or cell twice whose place is not known (COLLECT.unreadable; the reader always names it). */
const sheetDamaged = (file: string): string =>
  `Filen »${q(file)}« er beskadiget: en række eller en celle står to gange eller i en forkert række på et af arkene. Åbn filen i Excel (sig ja, hvis Excel tilbyder at reparere den), tjek tallene, gem filen igen som .xlsx, og vælg den igen.`;

/** Texts of collecting the forvaltningers files (`jobstatus saml`, »Vælg forvaltningernes filer«). */
export const COLLECT = {
  state: { delivered: "Afleveret", "in-workbook": "Findes i projektmappen", missing: "Mangler", duplicate: "To ark for samme forvaltning", unchanged: "Uændret", unreadable: "Kan ikke læses" },
  action: {
    insert: "Indsættes",
    "fill-template": "Udfylder den tomme skabelon",
    replace: "Erstatter det eksisterende ark",
    skip: "Springes over",
    conflict: "Findes allerede: vælg »Erstat« eller »Spring over«",
    unchanged: "Samme tal som i projektmappen: intet indsættes",
    held: "Indsættes ikke: formlernes resultater i filen er ikke regnet om. Bed forvaltningen trykke F9, gemme og sende filen igen",
  },
  valid: "Gyldig",
  counts: (errors: number, warnings: number) => (errors === 0 && warnings === 0 ? "Gyldig" : countIssues(errors, warnings)),
  figures: (samlet: number | null | undefined, fleksjob: number | null | undefined) => `samlet status ${figure(samlet)}, fleksjob ${figure(fleksjob, 0)}`,
  /** The key figures of the year's rulebook (review 22, item 1): »samlet status 48,9, fleksjob 50« in 2024 and 2025, every target otherwise. */
  figuresOf: (groups: readonly KeyFigureWords[]) => groups.map(keyFigureText).join(", "),
  header: ["Forvaltning", "Afleveret", "Fil", "Senest gemt (ifølge filen)", "Validering", "Samlet status", "Fleksjob", "Handling"],
  /** The CLI's overview puts both key figures in one column. */
  keyFigures: "Nøgletal",
  problem: {
    noDepartmentSheet: (file: string) => `Filen »${q(file)}« har intet forvaltningsark (et ark med overskrifterne Ordning, Status og Antal forløb). Den er sprunget over.`,
    unknownUnit: (file: string, sheet: string) => `Arket »${q(sheet)}« i filen »${q(file)}« ligner et forvaltningsark, men »${q(sheet)}« er ikke en forvaltning på arket Måltal. Det er ikke indsat; omdøb arket til forvaltningens kode, eller tilføj forvaltningen på Måltal.`,
    duplicateCode: (code: string, sources: readonly string[]) => `Der er flere ark for ${code}: ${listDanish(sources)}. Ingen af dem er indsat; fjern de forkerte, og vælg filerne igen.`,
    duplicateInWorkbook: (code: string, sheets: readonly string[]) => `Projektmappen har allerede flere ark for ${code} (${listDanish(sheets.map((s) => `»${q(s)}«`))}). Ryd op, før ${code} indsættes.`,
    mainSkipped: (file: string) => `Filen »${q(file)}« er din egen projektmappe. Den er sprunget over.`,
    namedTwice: (file: string) => `Filen »${q(file)}« er valgt mere end én gang. Den er kun talt med én gang.`,
    blankTemplate: (file: string, sheets: readonly string[]) =>
      `I filen »${q(file)}« er ${sheets.length === 1 ? "arket" : "arkene"} ${listDanish(sheets.map((s) => `»${q(s)}«`))} ikke udfyldt. Et tomt ark tæller ikke som en aflevering.`,
    hiddenSheet: (file: string, sheets: readonly string[]) =>
      `I filen »${q(file)}« er ${sheets.length === 1 ? "arket" : "arkene"} ${listDanish(sheets.map((s) => `»${q(s)}«`))} skjult. Et skjult ark tæller ikke som en aflevering; vis arket i Excel, hvis det skal indsættes.`,
    workbookYear: (workbookYear: number, filesYear: number, files: number, of: number) =>
      `Din projektmappe er for ${workbookYear}, men ${files} af ${of} filer er for ${filesYear}. Det er sandsynligvis projektmappens år, der skal rettes (på arket Indstillinger eller i din skabelon), ikke forvaltningernes. Året er ikke med i teksterne til forvaltningerne.`,
    yearUndecided: (workbookYear: number, fileYear: number, file: string) =>
      `Din projektmappe er for ${workbookYear}, men den eneste afleverede fil, »${file}«, er for ${fileYear}. Med én fil kan Jobstatus ikke afgøre, hvilket år der er forkert. Tjek projektmappens år (på arket Indstillinger eller i din skabelon) og filens, før du skriver til forvaltningen. Året er ikke med i teksten til forvaltningen.`,
  },
  source: (file: string, sheet: string) => `»${q(sheet)}« i »${q(file)}«`,
  conflict: (code: string, existing: string, file: string, before: string, after: string) =>
    `Forvaltningen ${code} har allerede arket »${q(existing)}« (${before}). Filen »${q(file)}« har ${after}.`,
  chooseConflict: "Vælg --erstat (der gemmes først en skjult kopi af det gamle ark, så det kan gendannes) eller --spring-over. Der er ikke skrevet nogen fil.",
  replaced: (existing: string, keepAs: string) => `Arket »${q(existing)}« er erstattet; det gamle ark er gemt skjult som »${q(keepAs)}«.`,
  written: (f: string, inserted: number) => `Der er indsat ${plural(inserted, "ark", "ark")} i ${q(f)}. Kør »jobstatus beregn ${q(f)}« for at beregne status.`,
  nothingInserted: "Ingen ark blev indsat, så der er ikke skrevet nogen fil.",
  missingOutput: "Angiv den nye projektmappe med -o, fx -o SAMLET.xlsx.",
  missingFiles: "Angiv analytikerens projektmappe og mindst én fil fra en forvaltning, fx »jobstatus saml HOVED.xlsx BUF.xlsx -o SAMLET.xlsx«.",
  bothChoices: "Vælg enten --erstat eller --spring-over, ikke begge.",
  restoreUsage: "Angiv projektmappen og forvaltningens kode, fx »jobstatus gendan SAMLET.xlsx BUF -o GENDANNET.xlsx«.",
  nothingToRestore: (code: string) => `Projektmappen har intet gemt ark for ${code} (et skjult ark »${code} (erstattet)«). Intet er skrevet.`,
  restoreDuplicate: (code: string) => `Projektmappen har flere ark for ${code}. Ryd op, så der kun er ét, og prøv igen. Intet er skrevet.`,
  restored: (kept: string, as: string, keptNow: string | undefined, f: string) =>
    `Arket »${q(kept)}« er gendannet som »${q(as)}«${keptNow ? `; det ark, der stod der, er gemt skjult som »${q(keptNow)}«` : ""}. Projektmappen er skrevet i ${q(f)}.`,
  outputIsInput: (f: string) => `Uddatafilen »${q(f)}« er også en inddatafil. Vælg et andet navn, for Jobstatus ændrer aldrig inddata.`,
  /** A short text the analyst can mail back to a department whose sheet has errors. */
  mail: (name: string, file: string, lines: readonly string[]) =>
    [
      `Til ${q(name)}`,
      "",
      `Tak for filen »${q(baseName(file))}«. Valideringen i Jobstatus fandt ${plural(lines.length, "ting", "ting")}, som skal rettes, før status kan beregnes:`,
      "",
      ...lines.map((l) => `– ${l}`),
      "",
      "Ret venligst cellerne, klik »Valider ark« (fanen Jobstatus) eller kør »jobstatus valider«, og send filen igen.",
    ].join("\n"),
  /** Why a picked file could not be read. */
  unreadable: (
    file: string,
    reason: UnreadableReason,
    at?: UnreadableCell,
    limit?: UnreadableLimit,
  ): string =>
    // A limit that names a sheet: the very sentence valider gives of that file (CLI.sheetTooLarge and the merge limits).
    reason === "too-large" && limit
      ? limit.kind === "cells"
        ? CLI.sheetTooLarge(file, limit.sheet, limit.max)
        : limit.kind === "mergedCells"
          ? CLI.mergeTooLarge(file, limit.sheet, limit.range ?? "", limit.max)
          : limit.kind === "elements"
            ? CLI.sheetNotPlain(file, limit.sheet, limit.max)
            : CLI.tooManyMerges(file, limit.sheet, limit.max, limit.kind === "fileMerges")
      : ({
      // The reader's refusal of one cell: the very sentence valider and beregn give (CLI.textMissing, CLI.formulaBroken).
      "text-missing": at ? CLI.textMissing(file, at.sheet, at.cell) : `Filen »${q(file)}« henviser til en tekst, som ikke findes i filen, så filen kan ikke læses sikkert. Åbn den i Excel, gem den igen som .xlsx, og vælg den igen.`,
      "formula-broken": at?.cell !== undefined ? CLI.formulaBroken(file, at.sheet, at.cell) : `Filen »${q(file)}« har en formel, der ikke kan læses, så filen kan ikke læses sikkert. Åbn den i Excel, gem den igen som .xlsx, og vælg den igen.`,
      // A sheet the file shows at fault (src/xlsx/missing-relationship.ts): the very sentence valider gives (CLI.readError).
      "read-error": at ? CLI.readError(file, at.sheet) : `Filen »${q(file)}« kunne ikke læses: Jobstatus løb ind i en fejl, den ikke kender, da den læste filen. Filen kan være beskadiget, eller fejlen kan være Jobstatus'. Åbn den i Excel, gem den igen som .xlsx, og vælg den igen. Sker det igen, så kontakt IT-support, og send filen med.`,
      // A row or cell the file holds twice, or a cell out of its row: the very sentence valider and beregn give (src/xlsx/repeated-cells.ts).
      "row-twice": at?.row !== undefined ? CLI.rowTwice(file, at.sheet, at.row) : sheetDamaged(file),
      "cell-twice": at?.row !== undefined ? CLI.cellTwice(file, at.sheet, at.row, at.cell) : sheetDamaged(file),
      "cell-in-other-row": at?.row !== undefined ? CLI.cellInOtherRow(file, at.sheet, at.row, at.cell) : sheetDamaged(file),
      password: `Filen »${q(file)}« kan ikke læses, fordi den er beskyttet med en adgangskode. Bed forvaltningen sende den uden adgangskode.`,
      permission: `Filen »${q(file)}« kan ikke læses, fordi du ikke har adgang til den. Gem en kopi et sted, hvor du har adgang, og vælg den igen.`,
      "not-workbook": `Filen »${q(file)}« er ikke en Excel-projektmappe (.xlsx). Gem den som .xlsx i Excel, og vælg den igen.`,
      "lock-file": `Filen »${q(file)}« er Excels midlertidige låsefil for en åben projektmappe, ikke en forvaltnings fil. Den er sprunget over.`,
      "too-large": `Filen »${q(file)}« er for stor til at blive læst. Slet de ark i filen, der ikke skal bruges, og vælg den igen.`,
      "not-found": `Filen »${q(file)}« findes ikke. Tjek navnet, og prøv igen. De andre filer er samlet.`,
      directory: `»${q(file)}« er en mappe, ikke en fil. Den er sprunget over. Vælg filerne i mappen i stedet.`,
    })[reason],
  /** Plausibility across deliveries (warnings in the overview). */
  plausibility: {
    fileNamesOther: (file: string, other: string, code: string) => `Advarsel: filnavnet »${q(file)}« nævner ${other}, men arket udfylder ${code}. Tjek, at tallene er ${code}s.`,
    fieldNamesOther: (file: string, other: string, code: string) => `Advarsel: feltet Forvaltning i »${q(file)}« siger ${other}, men arket udfylder ${code}. Tjek, at tallene er ${code}s.`,
    bigChangeSamlet: (code: string, before: number, after: number) =>
      `Advarsel: samlet status for ${code} ændres fra ${figure(before)} til ${figure(after)}, mere end halvdelen. Tjek, at filen er den rigtige.`,
    bigChangeGroup: (code: string, name: string, m: Measure, before: number, after: number) =>
      `Advarsel: ${lowerFirst(name)} for ${code} ændres fra ${figure(before, measureDecimals(m))} til ${figure(after, measureDecimals(m))}, mere end halvdelen. Tjek, at filen er den rigtige.`,
    bigChangeFleksjob: (code: string, before: number, after: number) =>
      `Advarsel: fleksjob for ${code} ændres fra ${figure(before, 0)} til ${figure(after, 0)}, mere end halvdelen. Tjek, at filen er den rigtige.`,
    alsoFills: (file: string, others: readonly string[], code: string) =>
      `Advarsel: filen »${file}« udfylder både ${code} og ${listDanish(others)}. Tjek, at tallene for ${code} er ${code}s egne.`,
    formatsDropped: (file: string, cells: readonly string[], count: number) =>
      `Advarsel: ${plural(count, "talformat", "talformater")} i »${file}« ville skjule tallet eller vise en fast tekst i stedet for det (${listDanish(cells)}${count > cells.length ? " m.fl." : ""}). ${count === 1 ? "Det" : "De"} er ikke kopieret; ${count === 1 ? "cellen" : "cellerne"} beholder projektmappens format. Tjek tallene i filen.`,
  },
  /** A formula that was taken as its value, by cell and why it could have been harmful. */
  removedCell: (cell: string, kind: "external" | "webservice" | "dde" | "unc" | "other-sheet") =>
    `${cell} (${{ external: "kæde til en anden fil", webservice: "læser fra nettet", dde: "DDE-kæde til et andet program", unc: "sti til et netværksdrev", "other-sheet": "henviser til et andet ark" }[kind]})`,
  removed: (outside: number, plain: number, named: readonly string[]) =>
    [
      outside > 0 ? `Fjernet, fordi de brugte noget uden for arket: ${plural(outside, "formel", "formler")} (${named.join(", ")}${named.length < outside ? " m.fl." : ""}). Kun den gemte værdi er indsat.` : "",
      plain > 0 ? `Indsat som værdi i stedet for formel: ${plural(plain, "celle", "celler")}.` : "",
    ]
      .filter((t) => t !== "")
      .join(" "),
  /** The existing sheet is more than a blank template: what is on it. */
  touched: (existing: string, what: readonly ("formulas" | "notes" | "conditional-formats" | "data-validation" | "number-formats" | "names")[]) =>
    `Arket »${q(existing)}« er ikke tomt: det har ${listDanish(what.map((w) => ({ formulas: "formler", notes: "noter eller kommentarer", "conditional-formats": "betinget formatering", "data-validation": "datavalidering", "number-formats": "talformater", names: "navne" })[w]))}.`,
  /** »Senest gemt«: the time the file says it was saved, in the reader's local time. */
  savedClaim: (when: string) => `Senest gemt ifølge filen: ${when}`,
  allUnchanged: "Alle afleverede ark har de samme tal som projektmappen, så der er ikke skrevet nogen fil.",
  /** After collecting: the forvaltninger whose delivery has a plausibility warning (wrong forvaltning named, a big change). */
  checkWarnings: (codes: readonly string[]) => `Tjek advarslerne for ${listDanish(codes)}, før I beregner status: tallene kan være en anden forvaltnings, eller ændringen er stor.`,
} as const;

/** Texts of »Vælg forvaltningernes filer« and »Opret skabelon for én forvaltning« in the pane (src/taskpane/collect-*.ts). */
/** The few texts of the collect section the pane shows at start-up (the rest loads with the section's chunk). */
export const COLLECT_START = {
  heading: "Forvaltningernes filer",
  pick: "Vælg forvaltningernes filer",
  pickHint: "Vælg en eller flere .xlsx-filer fra forvaltningerne. Jobstatus finder forvaltningens ark, validerer det og viser, hvem der har afleveret. Intet indsættes, før du klikker »Indsæt arkene«.",
  template: "Opret skabelon for én forvaltning",
  templateUnit: "Forvaltning",
  templateHint: "Downloader en .xlsx-fil med forvaltningens ark (kun de gule celler kan udfyldes) til at sende til forvaltningen. Projektmappen ændres ikke.",
} as const;

export const COLLECT_PANE = {
  apply: "Indsæt arkene",
  applyHint: "Skriver forvaltningernes tal ind i projektmappens ark: kun værdier og talformater, aldrig formler. Et ark med dine egne tal erstattes kun, hvis du har valgt det; der gemmes først en skjult kopi, så det kan gendannes.",
  clear: "Ryd listen",
  tableCaption: "Aflevering pr. forvaltning",
  header: { unit: "Forvaltning", state: "Afleveret", file: "Fil", saved: "Senest gemt", check: "Validering", samlet: "Samlet status", fleksjob: "Fleksjob", action: "Handling" },
  existingFigures: (figures: string) => `I projektmappen nu: ${figures}`,
  fileFigures: (figures: string) => `I filen: ${figures}`,
  replace: "Erstat",
  skip: "Spring over",
  choiceLabel: (code: string) => `Hvad skal der ske med ${code}?`,
  copyErrors: "Kopiér fejl",
  copyErrorsLabel: (code: string) => `Kopiér fejl for ${code} (tekst til en mail)`,
  copied: (code: string) => `Fejlene for ${code} er kopieret.`,
  copyFailed: (code: string) => `Teksten for ${code} kunne ikke kopieres.`,
  issuesOf: (code: string) => `Fejl og advarsler for ${code}`,
  reading: "Læser filerne …",
  inserting: "Indsætter arkene …",
  overviewReady: (delivered: number, total: number) => `Afleveret: ${formatDanish(delivered)} af ${formatDanish(total)} forvaltninger.`,
  chooseFirst: (codes: readonly string[]) => `Vælg »Erstat« eller »Spring over« for ${listDanish(codes)}, før arkene indsættes.`,
  nothingToInsert: "Der er ingen ark at indsætte. Ingen fil har et nyt ark til en forvaltning, eller alle er sprunget over.",
  replacedKept: (existing: string, keepAs: string) => `En kopi af det gamle ark »${q(existing)}« er gemt skjult som »${q(keepAs)}«. Arket »${q(existing)}« er udfyldt med de nye tal, så dine formler, der henviser til det, viser dem.`,
  /** Writing the delivered values failed, naming the file. */
  limit: {
    failed: (file: string, reason: string) => `Arket fra »${q(file)}« blev ikke indsat. ${reason}`,
    protectedSheet: (sheet: string, file: string) =>
      `Arket »${q(sheet)}« er beskyttet. Tallene fra »${q(file)}« er ikke skrevet ind. Fjern beskyttelsen (Gennemse → Fjern arkbeskyttelse), og klik »Indsæt arkene« igen.`,
  },
  templateDone: (file: string) => `Skabelonen »${q(file)}« er downloadet.`,
  templateNoWeights: (year: number) => `Der kendes ingen vægte for ${year}.`,
  noSavedTime: "Ukendt",
  none: "–",
  rowDone: "Indsat",
  rowFailed: "Ikke indsat (se beskeden)",
  problemsHeading: "Bemærk",
  pickedFiles: (n: number) => `Valgte filer: ${formatDanish(n)}`,
  templateMac: "Skabelonen kan ikke downloades på Mac og iPad.",
  templateMacDetail:
    "Excel på Mac og iPad tillader ikke, at et tilføjelsesprogram downloader filer fra panelet. Lav skabelonen med kommandoen »jobstatus skabelon --aar ÅR --forvaltning KODE -o FIL.xlsx«, eller åbn projektmappen i Excel på nettet.",
  fileLine: (file: string) => `Fil: ${q(file)}`,
  checkLine: (result: string) => `Validering: ${result}`,
  figuresLine: (samlet: string, fleksjob: string) => `Samlet status ${samlet}, fleksjob ${fleksjob}`,
  /** The card's key figures from the year's rulebook: the same line as figuresLine in 2024 and 2025. */
  figuresLineOf: (groups: readonly KeyFigureWords[]) => cap(groups.map(keyFigureText).join(", ")),
  /** After »Indsæt arkene«: what is still missing or wrong is named before »Beregn status«. */
  nextStep: (missing: readonly string[], errors: readonly string[]) =>
    missing.length === 0 && errors.length === 0
      ? "Klik »Beregn status« for at beregne status."
      : [
          missing.length > 0 ? `Mangler stadig: ${listDanish(missing)}.` : "",
          errors.length > 0 ? `Har fejl, der skal rettes: ${listDanish(errors)} (klik »Kopiér fejl« og send teksten til forvaltningen).` : "",
          "Status kan først beregnes, når de er på plads.",
        ]
          .filter((t) => t !== "")
          .join(" "),
  insertedOnly: (codes: readonly string[]) => `${codes.length === 1 ? "Arket" : "Arkene"} for ${listDanish(codes)} er indsat (kun værdier og talformater).`,
  /** Beside »Indsæt arkene« when it is clicked with a choice still open (issue 21): nothing was brought in. */
  applyBlocked: (codes: readonly string[]) => `Intet er indsat. Vælg først »Erstat« eller »Spring over« for ${listDanish(codes)}.`,
  /** The collect bar's short lines (at most two at 320 px, issue 21); the details go below the bar. */
  overviewNext: "Se oversigten, og klik »Indsæt arkene«.",
  chooseShort: "Vælg »Erstat« eller »Spring over« først.",
  insertedCount: (n: number) => `Indsat: ${formatDanish(n)} ark.`,
  /** The second line of a bar (its detail, below it): the bar itself keeps to two lines at 320 px. */
  copiedDetail: "Sæt teksten ind i en mail til forvaltningen.",
  copyFailedDetail: "Markér den i feltet herunder, og kopiér den med Ctrl+C.",
  templateDoneDetail: "Send den til forvaltningen.",
  templateNoWeightsDetail:
    "Forvaltningen kan derfor ikke selv validere sit ark. Skriv årets regelsæt eller vægte på arket Indstillinger, skriv et år med kendte vægte i feltet »År for skabelonen«, eller brug »Opret skabelon« for hele kommunen.",
  /** »Opret skabelon for én forvaltning« follows the workbook's rulebook (issue 22): errors on Indstillinger stop it. */
  templateSettingsErrors: "Arket Indstillinger har fejl.",
  templateSettingsErrorsDetail: "Filen følger årets regelsæt på Indstillinger, så den er ikke lavet. Klik »Valider alle«, ret fejlene, og prøv igen.",
} as const;


/** The »Selvtest« page (src/taskpane/selftest-view.ts, checks in src/office/selftest.ts). */
export const SELFTEST = {
  openButton: "Åbn selvtest",
  openHint: "Afprøv, at Jobstatus virker i din Excel, og få en tekst til IT-support.",
  loadFailed: "Selvtesten kunne ikke indlæses. Luk panelet, åbn det igen, og prøv igen.",
  heading: "Selvtest",
  intro:
    "Selvtesten afprøver, at din Excel gør det, Jobstatus regner med. Den opretter et midlertidigt ark, afprøver på det og sletter det igen. Dine egne ark og data bliver ikke ændret.",
  run: "Kør selvtest",
  runAgain: "Kør selvtest igen",
  running: "Selvtesten kører …",
  back: "Tilbage",
  results: "Resultat",
  status: { pass: "Bestået", fail: "Fejlet", skipped: "Ikke kørt" },
  checks: {
    literalText: {
      name: "Tekst gemmes som tekst",
      explain: "En tekst, der ligner en formel eller et tal (fx =1+1 eller 1.048), står bagefter som præcis den tekst, Jobstatus skrev.",
    },
    userRuleSurvivesMarks: {
      name: "Din betingede formatering bevares",
      explain: "En betinget formatering, du selv har lavet, er der stadig, når Jobstatus har markeret fejl og fjernet markeringerne igen.",
    },
    merges: { name: "Flettede celler ses", explain: "Jobstatus kan se flettede celler, så et tal i en flettet celle ikke bliver læst forkert." },
    protection: { name: "Beskyttede ark genkendes", explain: "Jobstatus kan se, at et ark er beskyttet, og Excel afviser at skrive i det." },
    printSetup: {
      name: "Udskrift med én tabel pr. side",
      explain: "Excel beholder statusarkets faste skalering, sideskift før hver tabel, udskriftsområde og sidefod.",
    },
    requestSize: { name: "Store statusark kan skrives", explain: "Excel tager imod den største portion, Jobstatus skriver på én gang." },
    markRule: {
      name: "Fejl kan markeres med farve",
      explain: "Excel godtager den regel, Jobstatus farver fejlceller med, og reglen finder præcis de celler, der skal markeres.",
    },
    recalculation: {
      name: "Formler opdateres efter »Beregn status«",
      explain: "En formel, der bruger et tal fra statusarket, viser det nye tal, når Jobstatus har skrevet arket.",
    },
    mergedUndoGroup: {
      name: "Fortryd i ét trin",
      explain: "Excel godtager, at Jobstatus samler skrivningen af statusarket i ét trin, så Fortryd (Ctrl+Z) fjerner det hele på én gang.",
    },
  },
  skipped: (set: string) => `Kræver ${set}, som denne Excel ikke har. Jobstatus klarer sig uden, som beskrevet i brugervejledningen.`,
  allPassed: "Alle tjek er bestået. Jobstatus virker, som det skal, i denne Excel.",
  someFailed: (n: number) => (n === 1 ? "Et tjek fejlede." : `Der er ${formatDanish(n)} tjek, der fejlede.`) + " Kopiér teksten herunder, og send den til IT-support.",
  environment: "Din Excel",
  version: "Version",
  platform: "Platform",
  sets: "Kravsæt",
  setsMissing: "Mangler",
  notKnown: "Ukendt",
  support: "Tekst til IT-support",
  supportHint: "Kopiér teksten, og sæt den ind i din henvendelse. Den indeholder ingen data fra projektmappen.",
  copy: "Kopiér tekst",
  copied: "Teksten er kopieret.",
  copyFailed: "Teksten kunne ikke kopieres automatisk. Markér den, og kopiér med Ctrl+C.",
  cleanup: `Står der et ark, hvis navn begynder med »Jobstatus selvtest«, så er det selvtestens: slet det.`,
  /** The support text's own lines (plain text, copied into a ticket). */
  text: {
    title: "Jobstatus selvtest",
    time: "Tidspunkt",
    excel: "Excel",
    result: "Resultat",
    counts: (pass: number, fail: number, skipped: number) => `bestået ${pass}, fejlet ${fail}, ikke kørt ${skipped}`,
    notRun: "Selvtesten er ikke kørt endnu.",
    error: "Fejl",
  },
} as const;

/** How a measure is named (issue 22): the unit of a scheme's status, in tables, sentences and the rulebook's »Opgøres i«. */
const MEASURE_NAMES: Readonly<Record<Measure, { readonly one: string; readonly many: string; readonly word: string; readonly decimals: boolean }>> = {
  helaarspersoner: { one: "helårsperson", many: "helårspersoner", word: "helårspersoner", decimals: true },
  ansatte_ultimo: { one: "ansat", many: "ansatte", word: "ansatte ultimo", decimals: false },
  personer: { one: "person", many: "personer", word: "personer", decimals: false },
  forloeb: { one: "forløb", many: "forløb", word: "forløb", decimals: false },
  pladser: { one: "plads", many: "pladser", word: "pladser", decimals: true },
};
/**
 * A gap's unit in the pane's texts for the built-in targets, by the target's measure: a head count at
 * the period's end is said with the target's name in front (»fleksjobansatte«, as it always was);
 * every other measure by its own name (helårspersoner, personer, forløb, pladser).
 */
function paneUnits(measure: Measure, group: string): readonly [string, string] {
  const m = MEASURE_NAMES[measure];
  return measure === "ansatte_ultimo" ? [`${group}${m.one}`, `${group}${m.many}`] : [m.one, m.many];
}
/** Why a scheme's status is a whole number, per measure: »Fleksjob tælles i antal ansatte.« (VALUE_NOT_WHOLE). */
const wholeReason = (scheme: string, m: Measure): string =>
  m === "ansatte_ultimo" ? `${scheme} tælles i antal ansatte.` : m === "forloeb" ? `${scheme} tælles i hele forløb.` : MEASURE_NAMES[m] ? `${scheme} tælles i ${MEASURE_NAMES[m].many}.` : "";
/** A header's words as the rulebook's target words are written (normalised, as normalizeLabel does). */
const normalizeWord = (s: string): string => s.normalize("NFC").toLocaleLowerCase("da-DK");
const lowerFirst = (s: string): string => s.charAt(0).toLocaleLowerCase("da-DK") + s.slice(1);
const pctOf = (x: number): string => `${formatDanish(excelNumber(x), Number.isInteger(excelNumber(x)) ? 0 : 1)} pct.`;

/** »405 forløb«, »1 plads«: a shown figure with its unit (inside a sentence only). */
const amountOf = (shown: string, m: Measure, value: number): string => `${shown} ${value === 1 ? MEASURE_NAMES[m].one : MEASURE_NAMES[m].many}`;

/** A scheme as the texts per measure need it: its name and how it is counted. */
export interface SchemeWords {
  readonly name: string;
  readonly measure: Measure;
}

/**
 * Texts that follow the rulebook (issue 22): written per measure, never per scheme name, so a year
 * with other schemes (the 2014 shape, a sixth scheme) reads as naturally as 2024 and 2025. The
 * built-in rulebooks keep the notat's own wording (REPORT, SUMMARY, TEMPLATE).
 */
export const RULES = {
  /** The measure's name in the rulebook's »Opgøres i« column, and the plural used in tables. */
  measureWord: (m: Measure) => MEASURE_NAMES[m].word,
  unitMany: (m: Measure) => MEASURE_NAMES[m].many,
  /** A scheme's row on the status sheet: »Seniorjob (personer)«, »Fleksjob (antal ansatte) *«. */
  reportRow: (s: SchemeWords) => (s.measure === "ansatte_ultimo" ? `${s.name} (antal ansatte) *` : `${s.name} (${MEASURE_NAMES[s.measure].many})`),
  /** A scheme's row in the template: »Fleksjob (antal ansatte i december)«. */
  templateRow: (s: SchemeWords, month = 12) => (s.measure === "ansatte_ultimo" ? `${s.name} (antal ansatte i ${monthName(month)})` : `${s.name} (${MEASURE_NAMES[s.measure].many})`),
  /** The template's instruction, one clause per measure in the order the schemes first use them. */
  templateGuide: (year: number, schemes: readonly SchemeWords[], forloeb: boolean) => {
    const measures = [...new Set(schemes.map((s) => s.measure))];
    const clause = (m: Measure) => {
      const names = schemes.filter((s) => s.measure === m).map((s) => lowerFirst(s.name));
      const unit = m === "ansatte_ultimo" ? "antal ansatte i december" : MEASURE_NAMES[m].many;
      return measures.length === 1 ? `i ${unit}` : `i ${unit} for ${listDanish(names)}`;
    };
    const decimals = measures.filter((m) => MEASURE_NAMES[m].decimals).map((m) => MEASURE_NAMES[m].many);
    return `Udfyld de gule celler for ${year}. Status opgøres ${listDanish(measures.map(clause))}${decimals.length > 0 ? ` (decimaler er tilladt for ${listDanish(decimals)}; skriv tallene uafrundede)` : ""}.${forloeb ? " Antal forløb er hele tal." : ""} Klik »Valider ark« (fanen Jobstatus, gruppen Jobordninger), før arket sendes til HR.`;
  },
  /** The input prompt of a status cell. */
  promptStatus: (m: Measure) =>
    MEASURE_NAMES[m].decimals ? `${cap(MEASURE_NAMES[m].many)}: et tal, 0 eller større. Decimaler er tilladt.` : `${cap(MEASURE_NAMES[m].many)}: et helt tal, 0 eller større.`,
  /** A target's column on Måltal: its name, with the word that finds it when the name lacks it. */
  maaltalHeader: (group: string, word: string | undefined) => (word === undefined || normalizeWord(group).includes(word) ? group : `${group} (${word})`),
  /** The rulebook's label and the headers of its two tables on Indstillinger (docs/arbejdsbog-format.md, 5.3). */
  rulebookLabel: "Regelsæt",
  schemeHeader: ["Ordning", "Opgøres i", "Antal forløb", "Måltal", "Andre navne"],
  groupHeader: ["Måltal", "Kolonne på Måltal", "Vægt"],
  yes: "ja",
  no: "nej",
  rulebookGuide: "Regelsættet for året: ordningerne, deres enheder og måltal og evt. vægte. Se brugervejledningen, før I ændrer det.",
  /** Footnote * for the schemes counted as employed at the period's end. */
  footnoteAnsatte: (names: readonly string[], year: number, month = 12) =>
    `* Status for ${listDanish(names.map(lowerFirst))} er opgjort i antal ansatte i ${monthName(month)} ${year}`,
  /** Footnote ** for the forløb column: which schemes it counts. */
  footnoteForloeb: (names: readonly string[], year: number | string) =>
    `** Denne kolonne angiver hvor mange forløb opgørelsen af ${listDanish(names.map(lowerFirst))} i ${year} svarer til.`,
  /** Footnote *** with the weights in percent, per target. */
  footnoteWeights: (year: number, parts: readonly { readonly name: string; readonly percent: number }[], first: boolean, month = 12) => {
    const lead = `${first ? "*** " : ""}${month === 12 ? `For årsstatus ${year}` : `For status for ${periodLabel(year, month)}`}: `;
    return `${lead}${cap(listDanish(parts.map((p) => `måltallet »${q(p.name)}« vægter ${pctOf(p.percent)}`)))} ift. den samlede målopfyldelse.`;
  },
  /** A target's sentence on the status sheet and in the notat, this year alone. */
  groupAlone: (schemes: readonly SchemeWords[], status: string, value: number, pctText: string, year: number | string, month = 12, calendarYear: number | string = year) => {
    const m = schemes[0]?.measure ?? "personer";
    const same = schemes.every((s) => s.measure === m);
    const amount = same ? amountOf(status, m, value) : status;
    if (schemes.length > 1) return `Den samlede målopfyldelse for ordningerne ${listDanish(schemes.map((s) => lowerFirst(s.name)))} er ${amount}, svarende til ${pctText}, i ${year}.`;
    const name = lowerFirst(schemes[0]?.name ?? "");
    const when = m === "ansatte_ultimo" ? ` i ${monthName(month)} ${calendarYear}` : "";
    return `Status for ${name} er ${amount}${when}, svarende til en målopfyldelse på ${pctText} for ${year}.`;
  },
  /** A target's sentence beside the previous year: »Antallet af personer i seniorjob er steget fra … til …«. */
  groupWithPrevious: (schemes: readonly SchemeWords[], verb: string, prev: string, prevYear: number | string, now: string, year: number | string, pctText: string) => {
    const m = schemes[0]?.measure ?? "personer";
    const unit = schemes.every((s) => s.measure === m) ? MEASURE_NAMES[m].many : "";
    const what = schemes.length > 1 ? `ordningerne ${listDanish(schemes.map((s) => lowerFirst(s.name)))}` : lowerFirst(schemes[0]?.name ?? "");
    return `Antallet af ${unit ? `${unit} i ` : ""}${what} ${verb} ${prev} i ${prevYear} til ${now} i ${year}, svarende til en målopfyldelse på ${pctText} for ${year}.`;
  },
  /**
   * A table's column headers: »Samlet status« and »Samlet måltal« only where a target joins several
   * schemes, and the forløb column only where a scheme reports forløb (blank otherwise).
   */
  columns: (year: number | string, joint: boolean, forloeb: boolean) => [
    "Status",
    joint ? "Samlet status" : "",
    joint ? "Samlet måltal" : "Måltal",
    "Procentvis målopfyldelse",
    forloeb ? `Antal forløb i ${year}**` : "",
  ],
  /** Tabel 1's title: »samt antal forløb« only where forløb are reported. */
  tableTitleKK: (n: number, year: number | string, forloeb: boolean) =>
    `Tabel ${n}: Status og målopfyldelse for de særlige jobordninger i Københavns Kommune for ${year}${forloeb ? ", samt antal forløb" : ""}`,
  /** The pane's gap for a target of another rulebook, in its unit: »Kommunen er over måltallet for jobrotation med 5 forløb.« */
  paneGap: (unit: string, group: string, measure: Measure, kind: "short" | "nearly" | "met" | "over", amount: number) => {
    const who = unit === "KK" ? "Kommunen" : q(unit);
    const of = ` for ${lowerFirst(q(group))}`;
    const n = amountOf(formatDanish(amount), measure, amount);
    switch (kind) {
      case "short":
        return `${who} mangler ${n} for at nå måltallet${of}.`;
      case "nearly":
        return `${who} mangler under én ${MEASURE_NAMES[measure].one} for at nå måltallet${of}.`;
      case "met":
        return `${who} når præcis måltallet${of}.`;
      case "over":
        return amount === 0 ? `${who} er lige over måltallet${of}.` : `${who} er over måltallet${of} med ${n}.`;
    }
  },
  /** The gap in a line that already names the target and the forvaltning: »mangler 12 personer«. */
  paneGapShort: (measure: Measure, kind: "short" | "nearly" | "met" | "over", amount: number) => {
    const n = amountOf(formatDanish(amount), measure, amount);
    switch (kind) {
      case "short":
        return `mangler ${n}`;
      case "nearly":
        return `mangler under én ${MEASURE_NAMES[measure].one}`;
      case "met":
        return "når præcis måltallet";
      case "over":
        return amount === 0 ? "lige over måltallet" : `${n} over måltallet`;
    }
  },
  /** The pane's headings when the year has no weighted total: each target stands alone. */
  paneKkUnweighted: "Målopfyldelse for Københavns Kommune pr. måltal",
  /** What the pane says after »Beregn status« when the year has no weighted total. */
  calculateDoneUnweighted: (sheet: string) => `Statusarket »${q(sheet)}« er skrevet. Året har ingen samlet, vægtet målopfyldelse; hvert måltal står for sig.`,
  /** The notat's list of schemes: their names, in the rulebook's order. */
  notatSchemeList: (names: readonly string[]): string[] => [...names],
  /** The notat's sentence on the targets: »Der er ét måltal per forvaltning for hver af ordningerne …« */
  targetsExplained: (groups: readonly (readonly string[])[]) => {
    const joint = groups.filter((g) => g.length > 1).map((g) => `ét samlet måltal for ${listDanish(g.map(lowerFirst))}`);
    const single = groups.filter((g) => g.length === 1).map((g) => lowerFirst(g[0] ?? ""));
    const parts = [...joint, ...(single.length === 0 ? [] : [single.length === 1 ? `ét måltal for ${single[0]}` : `ét måltal for hver af ordningerne ${listDanish(single)}`])];
    return `Der er ${listDanish(parts)} per forvaltning.`;
  },
  /** The notat's method paragraph for one target, in its unit. */
  method: (schemes: readonly SchemeWords[], span: string, month: string, year: number, whole: boolean) => {
    const m = schemes[0]?.measure ?? "personer";
    const what = schemes.length > 1 ? `ordningerne ${listDanish(schemes.map((x) => lowerFirst(x.name)))}` : lowerFirst(schemes[0]?.name ?? "");
    if (m === "ansatte_ultimo") {
      return `Den procentvise målopfyldelse for ${what} angiver målopfyldelsen i ${month} ${year}. Måltal og status opgøres i antal ansatte ved udgangen af ${whole ? "året" : "perioden"}.`;
    }
    const unit = schemes.every((x) => x.measure === m) ? MEASURE_NAMES[m].many : listDanish([...new Set(schemes.map((x) => MEASURE_NAMES[x.measure].many))]);
    return `Den procentvise målopfyldelse for ${what} angiver målopfyldelsen for ${span}. Måltal og status opgøres i ${unit}.`;
  },
  /** The Kilder sheet's line for the rulebook: where it was read, or that it is the built-in one. */
  sourceLabel: (year: number) => `Regelsæt ${year}`,
  sourceBuiltin: "indbygget (vedtaget af Borgerrepræsentationen)",
} as const;
