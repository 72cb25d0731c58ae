/**
 * The unit a scheme row's label names, set against the unit the rulebook counts the scheme in
 * (review 22j). A department that reuses last year's sheet may keep »Løntilskud (helårspersoner)«
 * in a year that counts løntilskud in pladser; the figure beside it is then likely in the wrong unit.
 * The label is read for unit words only; a label naming no unit says nothing and passes.
 */
import type { Measure } from "./rulebook";

/** The units a label can name. Persons and the head count at the period's end are one: both count people. */
type LabelUnit = "helaarspersoner" | "pladser" | "forloeb" | "personer";

/** Unit words, as whole words of the lower-cased label. */
const UNIT_WORDS: readonly (readonly [RegExp, LabelUnit])[] = [
  [/(?<!\p{L})(helårsperson(er)?|helaarsperson(er)?|årsværk)(?!\p{L})/u, "helaarspersoner"],
  [/(?<!\p{L})(pladser|plads)(?!\p{L})/u, "pladser"],
  [/(?<!\p{L})(forløb|forloeb)(?!\p{L})/u, "forloeb"],
  [/(?<!\p{L})(personer|person|ansatte|ansat)(?!\p{L})/u, "personer"],
];

const unitOf = (m: Measure): LabelUnit => (m === "ansatte_ultimo" ? "personer" : m);

/** The measure a label's unit word names (the first such word), for the message. */
const MEASURE_OF: Readonly<Record<LabelUnit, Measure>> = { helaarspersoner: "helaarspersoner", pladser: "pladser", forloeb: "forloeb", personer: "personer" };

/**
 * The measure a label names when it names units and none of them is `measure`'s; undefined when the
 * label names no unit or names the rulebook's own (»Fleksjob (antal ansatte ultimo december)« for
 * a head count, »Løntilskud (helårspersoner og forløb)« for helårspersoner).
 */
export function labelUnitConflict(label: string, measure: Measure): Measure | undefined {
  const text = label.toLocaleLowerCase("da-DK");
  const named = UNIT_WORDS.filter(([re]) => re.test(text)).map(([, u]) => u);
  if (named.length === 0 || named.includes(unitOf(measure))) return undefined;
  return MEASURE_OF[named[0] as LabelUnit];
}
