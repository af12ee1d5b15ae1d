// ListExports and ListImports, checked against their API reference pages (ListExports: the region's exported
// output values, ExportingStackId/Name/Value, NextToken "If the output exceeds 100 exported output values";
// ListImports: the names of the stacks importing an export) and AWS's answer for an export nobody imports:
// "Export '<name>' is not imported by any stack." (ValidationError).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateStackCommand, DescribeStacksCommand, ListExportsCommand, ListImportsCommand, type Export } from "@aws-sdk/client-cloudformation";
import { startTestSandbox, type TestSandbox } from "../../testing/harness.ts";
import { waitForStack } from "../testing/helpers.ts";

let sandbox: TestSandbox;
const COUNT = 103;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  const outputs = Array.from({ length: COUNT }, (_, i) => `  Out${i}: { Value: value-${i}, Export: { Name: many-${String(i).padStart(3, "0")} } }\n`).join("");
  await sandbox.cfn.send(new CreateStackCommand({ StackName: "exporter", TemplateBody: `Resources:\n  Group: { Type: AWS::Logs::LogGroup }\nOutputs:\n${outputs}` }));
  expect(await waitForStack(sandbox.cfn, "exporter")).toBe("CREATE_COMPLETE");
  for (const name of ["importer-a", "importer-b"]) {
    await sandbox.cfn.send(new CreateStackCommand({
      StackName: name, TemplateBody: `Resources:\n  Param: { Type: AWS::SSM::Parameter, Properties: { Type: String, Value: !ImportValue many-001 } }\n`,
    }));
    expect(await waitForStack(sandbox.cfn, name)).toBe("CREATE_COMPLETE");
  }
});
afterAll(() => sandbox.close());

describe("ListExports and ListImports", () => {
  it("lists the region's exports 100 per page", async () => {
    const { Stacks } = await sandbox.cfn.send(new DescribeStacksCommand({ StackName: "exporter" }));
    const first = await sandbox.cfn.send(new ListExportsCommand({}));
    expect(first.Exports).toHaveLength(100);
    expect(first.NextToken).toBeDefined();
    const second = await sandbox.cfn.send(new ListExportsCommand({ NextToken: first.NextToken }));
    expect(second.NextToken).toBeUndefined();
    const all: Export[] = [...first.Exports!, ...second.Exports!];
    expect(all.map((e) => e.Name).sort()).toEqual(Array.from({ length: COUNT }, (_, i) => `many-${String(i).padStart(3, "0")}`));
    expect(all.find((e) => e.Name === "many-042")).toEqual({ ExportingStackId: Stacks![0].StackId, Name: "many-042", Value: "value-42" });
  });

  it("lists the stacks importing an export, and refuses one nobody imports", async () => {
    const { Imports, NextToken } = await sandbox.cfn.send(new ListImportsCommand({ ExportName: "many-001" }));
    expect(Imports?.sort()).toEqual(["importer-a", "importer-b"]);
    expect(NextToken).toBeUndefined();
    for (const ExportName of ["many-002", "no-such-export"]) {
      await expect(sandbox.cfn.send(new ListImportsCommand({ ExportName })))
        .rejects.toMatchObject({ name: "ValidationError", message: `Export '${ExportName}' is not imported by any stack.` });
    }
  });
});
