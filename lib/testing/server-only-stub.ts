// vitest stand-in for the "server-only" marker package, whose real entry throws outside React Server Components.
export {};
