import { describe, expect, it } from "vitest";
import { readTemplateFiles, TEMPLATES_DIR } from "./source-files.ts";
import { parseTemplate } from "./parse.ts";
import { exampleValue } from "./parameters.ts";

describe("example values for parameters", () => {
  it("come from the ConstraintDescription", () => {
    expect(exampleValue({ Type: "String", ConstraintDescription: "must be owner/name, e.g. acme/stackdeck-app." })).toBe("acme/stackdeck-app");
    expect(exampleValue({ Type: "String", ConstraintDescription: "must be empty or an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>)." })).toBe("arn:aws:acm:<region>:<account>:certificate/<id>");
    expect(exampleValue({ Type: "String", ConstraintDescription: "must be staging or production." })).toBeNull();
    expect(exampleValue({ Type: "Number" })).toBeNull();
  });

  it("exist for every parameter an environment requires (IAM's GitHubRepository, the production certificate)", async () => {
    const files = await readTemplateFiles(TEMPLATES_DIR);
    const spec = (template: string, name: string) => parseTemplate(files.find((f) => f.name === template)!.body).document.Parameters![name]!;
    expect(exampleValue(spec("iam", "GitHubRepository"))).toBe("acme/stackdeck-app");
    expect(exampleValue(spec("load-balancer", "CertificateArn"))).toMatch(/^arn:aws:acm:/);
  });
});
