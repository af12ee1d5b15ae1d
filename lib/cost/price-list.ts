import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { GetProductsCommand, type Filter, type GetProductsCommandOutput } from "@aws-sdk/client-pricing";
import { availableRegions, loadCatalog } from "./catalog.ts";
import { catalogKeyFor, onDemandPrice, supportedRefreshRegions, type PriceListProduct } from "./price-list-rules.ts";
import type { PriceCatalog, PriceEntry } from "./types.ts";

/** What refreshCatalog needs from a PricingClient (so tests can pass recorded responses). The Price List API
 * answers only in a few regions: create the client with region us-east-1, whatever region is being priced. */
export interface PricingSender {
  send(command: GetProductsCommand): Promise<GetProductsCommandOutput>;
}

/** A GetProducts response, or its recorded JSON: `PriceList` entries are JSON strings (or SDK lazy strings). */
export type PriceListResponse = { PriceList?: unknown; NextToken?: string };

/**
 * Maps the products of GetProducts responses onto our catalog keys. Each price names the SKU and usage type it
 * came from. Two products claiming the same key at different prices is an error: it means a matching rule is too
 * loose, and guessing which one is right would put a wrong price in the catalog silently.
 */
export function buildCatalogFromPriceList(
  region: string,
  responses: PriceListResponse[],
  date: string = new Date().toISOString().slice(0, 10),
): PriceCatalog {
  const prices: Record<string, PriceEntry> = {};
  const claimedBy: Record<string, string> = {};
  for (const item of responses.flatMap(productsOf)) {
    const key = catalogKeyFor(item, region);
    const price = key ? onDemandPrice(item) : undefined;
    if (!key || !price) continue;
    const sku = item.product.sku;
    if (prices[key] && prices[key].price !== price.usd) {
      throw new Error(`Price List products ${claimedBy[key]} and ${sku} both match ${key} with different prices`);
    }
    claimedBy[key] = sku;
    prices[key] = {
      price: price.usd,
      unit: price.unit,
      source: `AWS Price List API GetProducts ${item.serviceCode}, SKU ${sku}, usagetype ${item.product.attributes.usagetype}`,
      date,
    };
  }
  return { region, currency: "USD", catalogDate: date, prices: sortKeys(prices) };
}

function productsOf(response: PriceListResponse): PriceListProduct[] {
  const list = Array.isArray(response.PriceList) ? response.PriceList : [];
  return list.map((entry) => JSON.parse(typeof entry === "string" ? entry : String(entry)) as PriceListProduct);
}

/** The GetProducts queries that cover every catalog key. Filters keep the pages few; the matching rules, not the
 * filters, decide what is used. */
export function priceListQueries(region: string): { ServiceCode: string; Filters: Filter[] }[] {
  const match = (Field: string, Value: string): Filter => ({ Type: "TERM_MATCH", Field, Value });
  const inRegion = match("regionCode", region);
  return [
    { ServiceCode: "AmazonRDS", Filters: [inRegion, match("productFamily", "Database Instance"), match("databaseEngine", "PostgreSQL")] },
    { ServiceCode: "AmazonRDS", Filters: [inRegion, match("productFamily", "Database Storage")] },
    { ServiceCode: "AmazonRDS", Filters: [inRegion, match("productFamily", "Storage Snapshot")] },
    { ServiceCode: "AmazonElastiCache", Filters: [inRegion, match("productFamily", "Cache Instance"), match("cacheEngine", "Redis")] },
    { ServiceCode: "AmazonECS", Filters: [inRegion] },
    { ServiceCode: "AWSELB", Filters: [inRegion, match("productFamily", "Load Balancer-Application")] },
    { ServiceCode: "AmazonEC2", Filters: [inRegion, match("productFamily", "NAT Gateway")] },
    { ServiceCode: "AmazonVPC", Filters: [inRegion] },
    { ServiceCode: "AmazonCloudWatch", Filters: [inRegion] },
    { ServiceCode: "awskms", Filters: [inRegion] },
    { ServiceCode: "AWSSecretsManager", Filters: [inRegion] },
    { ServiceCode: "AWSDataTransfer", Filters: [match("fromRegionCode", region), match("toLocation", "External")] },
  ];
}

export interface RefreshResult {
  path: string;
  refreshed: string[];
  /** Keys the Price List did not answer for; their previous entry (and its source) is kept. */
  kept: string[];
}

/** Pages through GetProducts for every query, rebuilds the region's catalog and writes it as JSON. */
export async function refreshCatalog(options: {
  client: PricingSender;
  region: string;
  outputPath?: string;
  date?: string;
}): Promise<RefreshResult> {
  const { client, region } = options;
  if (!supportedRefreshRegions().includes(region)) {
    throw new Error(`Refreshing ${region} is not supported yet (supported: ${supportedRefreshRegions().join(", ")}).`);
  }
  const responses: PriceListResponse[] = [];
  for (const query of priceListQueries(region)) {
    let NextToken: string | undefined;
    do {
      const page = await client.send(new GetProductsCommand({ ...query, FormatVersion: "aws_v1", MaxResults: 100, NextToken }));
      responses.push(page);
      NextToken = page.NextToken;
    } while (NextToken);
  }
  const fresh = buildCatalogFromPriceList(region, responses, options.date);
  const previous = availableRegions().includes(region) ? loadCatalog(region).prices : {};
  const kept = Object.keys(previous).filter((key) => !(key in fresh.prices));
  // Keep our own unit names ("hour", "GB-month") rather than the price list's ("Hrs", "GB-Mo").
  const updated = Object.fromEntries(
    Object.entries(fresh.prices).map(([key, entry]) => [key, { ...entry, unit: previous[key]?.unit ?? entry.unit }]),
  );
  const merged: PriceCatalog = { ...fresh, prices: sortKeys({ ...previous, ...updated }) };
  const path = options.outputPath ?? fileURLToPath(new URL(`./prices/${region}.json`, import.meta.url));
  writeFileSync(path, `${JSON.stringify(merged, null, 2)}\n`);
  return { path, refreshed: Object.keys(fresh.prices), kept };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
