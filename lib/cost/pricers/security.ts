import { priceKeys } from "../catalog.ts";
import { pricedLine } from "../lines.ts";
import type { Pricer } from "./context.ts";

/** AWS::KMS::Key: a customer managed key costs a flat monthly fee; requests are not estimated. */
export const priceKmsKey: Pricer = (resource, context) => [
  pricedLine(resource, context.catalog, {
    description: "Customer managed KMS key",
    quantity: 1,
    unit: "keys",
    priceKey: priceKeys.kmsKey,
    kind: "fixed",
    note: "API requests are not estimated",
  }),
];

/** AWS::SecretsManager::Secret: a flat monthly fee per secret; API calls are not estimated. */
export const priceSecret: Pricer = (resource, context) => [
  pricedLine(resource, context.catalog, {
    description: "Secrets Manager secret",
    quantity: 1,
    unit: "secrets",
    priceKey: priceKeys.secret,
    kind: "fixed",
    note: "API calls are not estimated",
  }),
];
