// Fn::Cidr: splits an IPv4 block into `count` subnets of `cidrBits` host bits each.
import { AwsError } from "../../core/contracts.ts";

function toNumber(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function toIp(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join(".");
}

export function cidrBlocks(block: string, count: number, cidrBits: number): string[] {
  const [ip, prefixText] = block.split("/");
  const prefix = Number(prefixText);
  if (!ip || Number.isNaN(prefix) || cidrBits < 1 || cidrBits > 32 - prefix || count < 1 || count > 2 ** (32 - prefix - cidrBits) * 2 ** cidrBits) {
    throw new AwsError("ValidationError", "Template error: Fn::Cidr requires a valid IP block, count and cidrBits");
  }
  const size = 2 ** cidrBits;
  const base = toNumber(ip) - (toNumber(ip) % 2 ** (32 - prefix));
  if (count * size > 2 ** (32 - prefix)) throw new AwsError("ValidationError", "Template error: Fn::Cidr count exceeds the IP block");
  return Array.from({ length: count }, (_, i) => `${toIp(base + i * size)}/${32 - cidrBits}`);
}
