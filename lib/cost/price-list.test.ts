import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PricingClient, type GetProductsCommand, type GetProductsCommandOutput } from "@aws-sdk/client-pricing";
import { describe, expect, it } from "vitest";
import { loadCatalog } from "./catalog.ts";
import { buildCatalogFromPriceList, refreshCatalog, type PriceListResponse, type PricingSender } from "./price-list.ts";
import type { PriceCatalog } from "./types.ts";

// Recorded-shape GetProducts responses (see fixtures/README.md): FormatVersion, PriceList of JSON strings, NextToken.
const FIXTURES = new URL("./fixtures/price-list/", import.meta.url);
const fixture = (name: string): PriceListResponse => JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8"));
const usEast1Fixtures = () => readdirSync(FIXTURES).filter((f) => f.endsWith("us-east-1.json") || f.includes("us-east-1.page")).map((f) => fixture(f.replace(/\.json$/, "")));

describe("buildCatalogFromPriceList", () => {
  const catalog = buildCatalogFromPriceList("us-east-1", usEast1Fixtures(), "2026-11-28");
  const price = (key: string) => catalog.prices[key]?.price;

  it("maps every product we use onto its catalog key", () => {
    expect(catalog).toMatchObject({ region: "us-east-1", currency: "USD", catalogDate: "2026-11-28" });
    expect(price("rds.postgres.db.t3.micro.single-az")).toBe(0.018);
    expect(price("rds.postgres.db.t3.micro.multi-az")).toBe(0.036);
    expect(price("rds.storage.gp3.single-az")).toBe(0.115);
    expect(price("rds.storage.gp3.multi-az")).toBe(0.23);
    expect(price("rds.backup-storage")).toBe(0.095);
    expect(price("elasticache.redis.cache.t3.micro")).toBe(0.017);
    expect(price("elasticache.redis.cache.t3.small")).toBe(0.034);
    expect(price("fargate.linux-x86.vcpu-hour")).toBe(0.04048);
    expect(price("fargate.linux-x86.gb-hour")).toBe(0.004445);
    expect(price("fargate.linux-arm.vcpu-hour")).toBe(0.03238);
    expect(price("fargate.linux-arm.gb-hour")).toBe(0.00356);
    expect(price("elb.application.hour")).toBe(0.0225);
    expect(price("elb.application.lcu-hour")).toBe(0.008);
    expect(price("vpc.nat-gateway.hour")).toBe(0.045);
    expect(price("vpc.nat-gateway.gb-processed")).toBe(0.045);
    expect(price("vpc.public-ipv4.hour")).toBe(0.005);
    expect(price("logs.ingest-gb")).toBe(0.5);
    expect(price("logs.storage-gb-month")).toBe(0.03);
    expect(price("cloudwatch.alarm.standard")).toBe(0.1);
    expect(price("cloudwatch.alarm.high-resolution")).toBe(0.3);
    expect(price("kms.key-month")).toBe(1);
    expect(price("secretsmanager.secret-month")).toBe(0.4);
    // the first PAID tier of outbound transfer, not the $0 allowance before it
    expect(price("data-transfer.out-internet-gb")).toBe(0.09);
  });

  it("ignores look-alike products: other engines, Valkey, Windows, Outposts, trust stores, readable standbys", () => {
    // MySQL db.t3.micro is $0.017: had it matched, the PostgreSQL price would be wrong or the build would throw
    expect(Object.keys(catalog.prices)).not.toContain("rds.postgres.db.m7g.large.multi-az");
    expect(Object.keys(catalog.prices).some((k) => k.includes("windows") || k.includes("ephemeral"))).toBe(false);
    expect(Object.keys(catalog.prices)).toHaveLength(23);
  });

  it("names the SKU and usage type each price came from", () => {
    expect(catalog.prices["vpc.nat-gateway.hour"].source).toMatch(/^AWS Price List API GetProducts AmazonEC2, SKU \w+, usagetype NatGateway-Hours$/);
    expect(catalog.prices["kms.key-month"]).toMatchObject({ unit: "Keys", date: "2026-11-28" });
  });

  it("reads a region's own prefixed usage types and skips other regions' products", () => {
    const eu = buildCatalogFromPriceList("eu-west-1", [fixture("eu-west-1-mixed")], "2026-11-28");
    expect(eu.prices).toEqual({
      "elb.application.hour": expect.objectContaining({ price: 0.0252 }),
      "rds.postgres.db.t4g.micro.single-az": expect.objectContaining({ price: 0.017 }),
      "vpc.nat-gateway.gb-processed": expect.objectContaining({ price: 0.048 }),
      "vpc.nat-gateway.hour": expect.objectContaining({ price: 0.048 }),
    });
  });

  it("refuses two products that claim one key at different prices", () => {
    const nat = fixture("amazon-ec2-nat-us-east-1");
    const list = nat.PriceList as string[];
    const twin = list[0].replaceAll('"0.0450000000"', '"0.0500000000"').replace(/"sku":"(\w+)"/g, '"sku":"OTHERSKU"');
    expect(() => buildCatalogFromPriceList("us-east-1", [nat, { PriceList: [twin] }])).toThrow(/both match vpc\.nat-gateway\.hour/);
  });
});

describe("refreshCatalog", () => {
  it("pages through GetProducts, keeps what the Price List did not answer, and writes the JSON", async () => {
    const pages: Record<string, PriceListResponse[]> = {
      AmazonRDS: [fixture("amazon-rds-us-east-1.page-1"), fixture("amazon-rds-us-east-1.page-2")],
      AmazonEC2: [fixture("amazon-ec2-nat-us-east-1")],
    };
    const sent: { service: string; token?: string }[] = [];
    const client: PricingSender = {
      async send(command: GetProductsCommand): Promise<GetProductsCommandOutput> {
        const { ServiceCode = "", NextToken } = command.input;
        sent.push({ service: ServiceCode, token: NextToken });
        const queue = pages[ServiceCode] ?? [];
        // the first RDS query walks both pages; later RDS queries get nothing, as a real filter would
        const page = NextToken ? queue[1] : sent.filter((s) => s.service === ServiceCode).length === 1 ? queue[0] : undefined;
        return { $metadata: {}, FormatVersion: "aws_v1", PriceList: (page?.PriceList as string[]) ?? [], NextToken: page?.NextToken };
      },
    };
    const outputPath = join(mkdtempSync(join(tmpdir(), "stackdeck-prices-")), "us-east-1.json");
    const result = await refreshCatalog({ client, region: "us-east-1", outputPath, date: "2026-12-01" });

    expect(sent.filter((s) => s.service === "AmazonRDS").map((s) => s.token)).toEqual([undefined, "eyJwYWdlIjoyfQ==", undefined, undefined]);
    expect([...new Set(sent.map((s) => s.service))]).toEqual([
      "AmazonRDS", "AmazonElastiCache", "AmazonECS", "AWSELB", "AmazonEC2", "AmazonVPC", "AmazonCloudWatch", "awskms",
      "AWSSecretsManager", "AWSDataTransfer",
    ]);
    expect(result.refreshed).toContain("vpc.nat-gateway.hour");
    expect(result.refreshed).toContain("rds.backup-storage");
    expect(result.kept).toContain("fargate.linux-x86.vcpu-hour");

    const written = JSON.parse(readFileSync(outputPath, "utf8")) as PriceCatalog;
    expect(Object.keys(written.prices).sort()).toEqual(Object.keys(loadCatalog("us-east-1").prices).sort());
    // refreshed: new source and date, our unit name kept; untouched: the bundled entry as it was
    expect(written.prices["vpc.nat-gateway.hour"]).toMatchObject({ price: 0.045, unit: "hour", date: "2026-12-01" });
    expect(written.prices["vpc.nat-gateway.hour"].source).toContain("AWS Price List API");
    expect(written.prices["fargate.linux-x86.vcpu-hour"]).toEqual(loadCatalog("us-east-1").prices["fargate.linux-x86.vcpu-hour"]);
  });

  it("accepts the SDK's PricingClient", () => {
    const client: PricingSender = new PricingClient({ region: "us-east-1" });
    expect(client).toBeDefined();
  });

  it("refuses a region whose usage-type prefixes it does not know", async () => {
    const client: PricingSender = { send: async () => ({ $metadata: {} }) };
    await expect(refreshCatalog({ client, region: "ap-south-7" })).rejects.toThrow(/not supported/);
  });
});
