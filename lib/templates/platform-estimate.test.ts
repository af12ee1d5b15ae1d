import { describe, expect, it } from "vitest";
import { analyzeTemplate } from "./analyze.ts";
import { estimateTemplate } from "./estimate.ts";
import { estimatePlatformFromFiles, prefixRefs } from "./platform-estimate.ts";
import { loadProfile } from "./profiles.ts";
import { readTemplateFiles, TEMPLATES_DIR } from "./source-files.ts";

// The Templates page shows each template's own estimate, the Costs page and the overview the platform priced in
// one pass: the two must tell one story (issue 10: $127.65 beside $131.30 for the same staging platform).
describe("platform estimate", () => {
  it.each(["staging", "production"])("in %s equals the sum of the templates' own estimates, stack by stack", async (environment) => {
    const platform = await estimatePlatformFromFiles({ environment });
    const profile = await loadProfile(environment);
    const files = await readTemplateFiles(TEMPLATES_DIR);
    let sum = 0;
    for (const file of files) {
      const analysis = await analyzeTemplate(file.body);
      const own = estimateTemplate(analysis.parsed!.document, file.name, environment, profile).monthlyTotal;
      expect(platform.byStack.find((s) => s.template === file.name)?.monthly, file.name).toBeCloseTo(own, 6);
      sum += own;
    }
    expect(platform.monthlyTotal).toBeCloseTo(sum, 6);
  });

  it("prices each NAT gateway's address once, on its Elastic IP", async () => {
    const platform = await estimatePlatformFromFiles({ environment: "staging", templates: ["network"] });
    const addresses = platform.lines.filter((l) => /Public IPv4/.test(l.description) && l.monthly > 0);
    expect(addresses.map((l) => l.logicalId)).toEqual(["NatGateway1Eip"]);
  });

  it("keeps Ref and both GetAtt forms pointing inside their stack", () => {
    expect(prefixRefs({ A: { Ref: "X" }, B: { "Fn::GetAtt": ["Y", "Arn"] }, C: [{ "Fn::GetAtt": "Z.Id" }], D: "plain" }, "s")).toEqual({
      A: { Ref: "s/X" }, B: { "Fn::GetAtt": ["s/Y", "Arn"] }, C: [{ "Fn::GetAtt": "s/Z.Id" }], D: "plain",
    });
  });
});
