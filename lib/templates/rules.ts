import type { TemplateDocument } from "./types.ts";
import { makeEvaluator } from "./resolve.ts";
import { referencesIn } from "./references.ts";
import type { ParameterErrors } from "./parameters.ts";

/**
 * A template's Rules, checked as CloudFormation checks them before it creates or updates a stack: when a rule's
 * RuleCondition holds, every Assert must hold, else the change is refused with the AssertDescription. Failures
 * are reported on the parameters the assertion reads (or on "_" when it reads none).
 */
export function checkRules(doc: TemplateDocument, values: Record<string, string>, region = "us-east-1"): ParameterErrors {
  const errors: ParameterErrors = {};
  const { evaluate } = makeEvaluator(doc, values, { region, stackName: "rules" });
  for (const [name, rule] of Object.entries(doc.Rules ?? {})) {
    if (rule.RuleCondition !== undefined && !evaluate(rule.RuleCondition)) continue;
    for (const assertion of rule.Assertions ?? []) {
      if (evaluate(assertion.Assert)) continue;
      const message = assertion.AssertDescription ?? `Assertion of rule ${name} failed`;
      const params = referencesIn(assertion.Assert).map((r) => r.target).filter((t) => t in (doc.Parameters ?? {}));
      for (const param of params.length ? [...new Set(params)] : ["_"]) errors[param] ??= message;
    }
  }
  return errors;
}
