import { loadAwsServiceSpec } from "@aws-cdk/aws-service-spec";

// The list of CloudFormation resource types comes from AWS's own specification (the package AWS CDK is built
// from); loading it takes about a second, so it happens once per process and only when a template is validated.
let known: Promise<Set<string>> | undefined;

export function knownResourceTypes(): Promise<Set<string>> {
  known ??= loadAwsServiceSpec().then((db) => new Set(db.all("resource").map((r) => r.cloudFormationType)));
  return known;
}
