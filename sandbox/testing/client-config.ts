export interface SandboxClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

/** SDK v3 client settings for a sandbox: dummy credentials, us-east-1, no retries unless asked for. */
export function sandboxClientConfig(url: string, overrides: { maxAttempts?: number; region?: string } = {}): SandboxClientConfig {
  return {
    endpoint: url,
    region: overrides.region ?? "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    maxAttempts: overrides.maxAttempts ?? 1,
  };
}
