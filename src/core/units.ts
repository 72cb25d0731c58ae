import { normalizeCode, normalizeLabel, splitCodeAndName } from "./text";

/** The forvaltninger known by default, and the whole kommune. */

export const KK_CODE = "KK";

/** Built-in full names, as in the notat. A name column in Måltal overrides them. */
export const DEFAULT_UNIT_NAMES: Readonly<Record<string, string>> = {
  BIF: "Beskæftigelses- og Integrationsforvaltningen",
  BUF: "Børne- og Ungdomsforvaltningen",
  KFF: "Kultur- og Fritidsforvaltningen",
  SOF: "Socialforvaltningen",
  SUF: "Sundheds- og Omsorgsforvaltningen",
  TMF: "Teknik- og Miljøforvaltningen",
  ØKF: "Økonomiforvaltningen",
  KK: "Københavns Kommune",
};

/** The seven forvaltninger in the notat's order (used by the template). */
export const DEFAULT_UNIT_CODES = ["BIF", "BUF", "KFF", "SOF", "SUF", "TMF", "ØKF"] as const;

/**
 * The unit code a text names: a code (`BUF`), a full name (`Socialforvaltningen`), or both
 * (`BUF - Børne- og Ungdomsforvaltningen`). `names` maps full names (normalised) to codes; the
 * built-in names are always known. Anything else is taken as a code as it stands.
 * `stripNotes` also drops parenthesised notes (`KK (hele kommunen)`); sheet names keep them, so a
 * copy »BUF (2)« is never taken for BUF.
 */
export function unitCodeOf(text: string, names: ReadonlyMap<string, string> = new Map(), stripNotes = true): string {
  const byName = (t: string): string | undefined => names.get(normalizeLabel(t)) ?? BUILT_IN_BY_NAME.get(normalizeLabel(t));
  const hasNote = /\(/.test(text);
  if (stripNotes || !hasNote) {
    const named = byName(text);
    if (named) return named;
  }
  const split = splitCodeAndName(text);
  if (split) {
    const code = normalizeCode(split[0]);
    if (byName(split[1]) === code) return code;
  }
  // »KK (hele kommunen)«, »BUF (Børne- og Ungdomsforvaltningen)«: a known code with a note. An
  // unknown code keeps its parentheses (a code may contain them: »@SUM(A1)« is a code as typed).
  if (stripNotes && hasNote) {
    const bare = normalizeCode(text.replace(/\([^)]*\)/g, " ").replace(/\s+/g, " "));
    if (bare in DEFAULT_UNIT_NAMES) return bare;
  }
  return normalizeCode(text);
}

const BUILT_IN_BY_NAME: ReadonlyMap<string, string> = new Map(Object.entries(DEFAULT_UNIT_NAMES).map(([code, name]) => [normalizeLabel(name), code]));
