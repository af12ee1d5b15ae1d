import { PricingClient } from "@aws-sdk/client-pricing";

/**
 * The AWS Price List API (only served from a few regions; us-east-1 answers for every region's prices). The local
 * sandbox does not simulate it, so it needs real AWS: STACKDECK_AWS=aws with the usual credentials, or an explicit
 * AWS_ENDPOINT_URL_PRICING for an emulator that has it.
 */
export function pricingClient(): PricingClient {
  if (process.env.STACKDECK_AWS !== "aws" && !process.env.AWS_ENDPOINT_URL_PRICING) {
    throw new Error("Refreshing prices needs the real AWS Price List API: set STACKDECK_AWS=aws and AWS credentials.");
  }
  return new PricingClient({ region: "us-east-1", maxAttempts: 6 });
}
