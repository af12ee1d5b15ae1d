import type { Db } from "../../lib/db/client.ts";
import { formatEstimateTable } from "../../lib/cost/format.ts";
import { syncTemplateCatalog } from "../../lib/templates/sync.ts";
import { estimatePlatformFromFiles } from "../../lib/templates/platform-estimate.ts";
import { refreshCatalog } from "../../lib/cost/price-list.ts";
import { pricingClient } from "../../lib/aws/pricing.ts";
import { parseOptions, required, UsageError } from "./args.ts";

type Run = (db: Db | null, argv: string[], out: (line: string) => void) => Promise<number>;

export const CATALOG_COMMANDS: Record<string, { usage: string; needsDb: boolean; run: Run }> = {
  "templates sync": {
    usage: "templates sync",
    needsDb: true,
    async run(db, argv, out) {
      parseOptions(argv, {});
      const report = await syncTemplateCatalog(db!);
      out(`template catalog: ${report.added.length} new version(s), ${report.unchanged} unchanged`);
      for (const bad of report.invalid) {
        for (const issue of bad.issues) out(`${bad.file}${issue.line ? `:${issue.line}` : ""}: ${issue.message}`);
      }
      return report.invalid.length ? 1 : 0;
    },
  },
  "prices refresh": {
    usage: "prices refresh --region R",
    needsDb: false,
    async run(_db, argv, out) {
      const region = required(parseOptions(argv, { region: "value" }), "region");
      const result = await refreshCatalog({ client: pricingClient(), region });
      out(`wrote ${result.path}: ${result.refreshed.length} prices refreshed, ${result.kept.length} kept from the previous catalog`);
      return 0;
    },
  },
  estimate: {
    usage: "estimate [--template T | --all] --env staging|production [--region R] [--json]",
    needsDb: false,
    async run(_db, argv, out) {
      const o = parseOptions(argv, { template: "value", all: "flag", env: "value", region: "value", json: "flag" });
      if (typeof o.env !== "string") throw new UsageError("--env is required");
      if (o.all === true && o.template) throw new UsageError("give --template or --all, not both");
      if (o.all !== true && typeof o.template !== "string") throw new UsageError("give --template T or --all");
      const estimate = await estimatePlatformFromFiles({
        environment: o.env,
        templates: typeof o.template === "string" ? o.template.split(",") : undefined,
        region: typeof o.region === "string" ? o.region : undefined,
      });
      if (o.json === true) {
        const { currency, monthlyTotal, fixed, usage, region, priceCatalogDate, assumptions } = estimate;
        const lines = estimate.lines.map(({ stack, logicalId, type, description, quantity, unit, unitPrice, monthly, priced, note }) => ({ stack, logicalId, type, description, quantity, unit, unitPrice, monthly, priced, ...(note ? { note } : {}) }));
        out(JSON.stringify({ currency, region, environment: estimate.environment, monthlyTotal, fixed, usage, priceCatalogDate, assumptions, lines }, null, 2));
      } else {
        out(formatEstimateTable({ ...estimate, lines: estimate.lines.map((l) => ({ ...l, logicalId: `${l.stack}/${l.logicalId}` })) }));
      }
      return 0;
    },
  },
};

