import type { Estimate } from "./types.ts";

// Amounts are kept at full precision everywhere else; these functions are the only place they are rounded.
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const unitMoney = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 6 });
const quantity = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });

/** Money rounded to cents, e.g. "$1,234.56". */
export function formatMoney(amount: number): string {
  return money.format(amount);
}

/** A unit price as the price list states it (up to 6 decimals), e.g. "$0.004445". */
export function formatUnitPrice(amount: number): string {
  return unitMoney.format(amount);
}

export function formatQuantity(amount: number): string {
  return quantity.format(amount);
}

const HEADERS = ["Resource", "Description", "Quantity", "Unit", "Unit price", "Monthly"] as const;
const RIGHT_ALIGNED = new Set([2, 4, 5]);

/** The estimate as an aligned text table, with notes underneath and fixed, usage and total lines. */
export function formatEstimateTable(estimate: Estimate): string {
  const notes: string[] = [];
  const rows = estimate.lines.map((line) => {
    let marker = "";
    if (line.note) {
      // The same note on many lines is printed once and referenced by number.
      if (!notes.includes(line.note)) notes.push(line.note);
      marker = ` [${notes.indexOf(line.note) + 1}]`;
    }
    return [
      line.logicalId,
      line.description + marker,
      line.priced && line.unit ? formatQuantity(line.quantity) : "",
      line.unit,
      line.priced && line.unit ? formatUnitPrice(line.unitPrice) : "",
      line.priced ? formatMoney(line.monthly) : "not priced",
    ];
  });
  const widths = HEADERS.map((header, i) => Math.max(header.length, ...rows.map((row) => row[i].length)));
  const render = (cells: readonly string[]) =>
    cells.map((cell, i) => (RIGHT_ALIGNED.has(i) ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd();
  const tableWidth = widths.reduce((total, w) => total + w, 0) + 2 * (widths.length - 1);
  const totalRow = (label: string, amount: number) => `${label.padEnd(tableWidth - 14)}${formatMoney(amount).padStart(14)}`;
  const unpriced = estimate.lines.filter((l) => !l.priced).length;
  return [
    `Monthly estimate, ${estimate.region}, prices as of ${estimate.priceCatalogDate} (USD, 730 hours a month)`,
    "",
    render(HEADERS),
    "-".repeat(tableWidth),
    ...rows.map(render),
    "-".repeat(tableWidth),
    totalRow("Fixed", estimate.fixed),
    totalRow("Usage (from assumptions)", estimate.usage),
    totalRow("Total", estimate.monthlyTotal),
    ...(unpriced > 0 ? ["", `${unpriced} line(s) not priced: the total leaves them out.`] : []),
    ...(notes.length > 0 ? ["", "Notes:", ...notes.map((note, i) => `[${i + 1}] ${note}`)] : []),
    "",
    `Assumptions: ${Object.entries(estimate.assumptions).map(([k, v]) => `${k}=${v}`).join(", ") || "none"}`,
  ].join("\n");
}
