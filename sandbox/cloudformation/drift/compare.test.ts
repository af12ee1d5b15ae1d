import { describe, expect, it } from "vitest";
import { actualProperties, propertyDifferences } from "./compare.ts";

describe("drift comparison", () => {
  it("finds nothing when the resource has what the template says (numbers and their text agree)", () => {
    const expected = { RetentionInDays: 7, Name: "x" };
    expect(propertyDifferences(expected, { RetentionInDays: "7", Name: "x", Extra: "not in the template" })).toEqual([]);
  });

  it("reports changed, removed and added values with JSON Pointer paths", () => {
    const expected = { Value: "one", Tags: [{ Key: "a", Value: "1" }], Config: { Mode: "fast" }, Description: "d" };
    const actual = actualProperties(expected, { Value: "two", Tags: [{ Key: "a", Value: "9" }, { Key: "b", Value: "2" }], Config: { Mode: "slow" }, Description: null });
    expect(propertyDifferences(expected, actual)).toEqual([
      { path: "/Value", expected: "one", actual: "two", type: "NOT_EQUAL" },
      { path: "/Tags/0/Value", expected: "1", actual: "9", type: "NOT_EQUAL" },
      { path: "/Tags/1", expected: "null", actual: '{"Key":"b","Value":"2"}', type: "ADD" },
      { path: "/Config/Mode", expected: "fast", actual: "slow", type: "NOT_EQUAL" },
      { path: "/Description", expected: "d", actual: "null", type: "REMOVE" },
    ]);
  });
});
