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
