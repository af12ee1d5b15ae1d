import { describe, expect, it } from "vitest";
import { buildGraph, downstreamOf } from "./graph.ts";

const deps = (entries: Record<string, string[]>) => new Map(Object.entries(entries).map(([t, ds]) => [t, new Map(ds.map((d) => [d, [`${d}-export`]]))]));

describe("the platform graph", () => {
  const graph = buildGraph(deps({
    network: [], iam: [], security: ["network"], database: ["network", "security"], cache: ["network", "security"],
    "load-balancer": ["network", "security"], service: ["network", "security", "database", "cache", "load-balancer", "iam"], external: ["not-in-catalog"],
  }));

  it("puts every stack after what it needs, independent ones in one layer", () => {
    expect(graph.order).toEqual(["external", "iam", "network", "security", "cache", "database", "load-balancer", "service"]);
    expect(graph.level.get("database")).toBe(2);
    expect(graph.level.get("cache")).toBe(2);
    expect(graph.level.get("service")).toBe(3);
    expect(graph.needs.get("external")).toEqual([]); // names outside the catalog are not stacks of the platform
  });

  it("finds what is downstream", () => {
    expect(downstreamOf(graph, "security")).toEqual(["cache", "database", "load-balancer", "service"]);
    expect(downstreamOf(graph, "service")).toEqual([]);
  });

  it("refuses a cycle", () => {
    expect(() => buildGraph(deps({ a: ["b"], b: ["a"] }))).toThrow(/cycle/);
  });
});
