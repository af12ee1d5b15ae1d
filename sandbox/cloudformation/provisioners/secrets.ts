// Secrets Manager secrets with values, so {{resolve:secretsmanager:...}} dynamic references can read them: a
// SecretString as given, or one generated from GenerateSecretString (user guide: "Create AWS Secrets Manager secrets
// in AWS CloudFormation"; the generator options are those of GetRandomPassword).
import { randomInt } from "node:crypto";
import { arn, randomAlphanumeric, seconds, stringProp, type Props, type ResourceProvisioner } from "./types.ts";

const LOWER = "abcdefghijklmnopqrstuvwxyz";
const UPPER = LOWER.toUpperCase();
const DIGITS = "0123456789";
const PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

const flag = (options: Props, name: string) => String(options[name]) === "true";

/** A random password as Secrets Manager's GetRandomPassword makes it (default length 32). */
export function randomPassword(options: Props = {}): string {
  const excluded = new Set(stringProp(options, "ExcludeCharacters") ?? "");
  const groups = [
    flag(options, "ExcludeLowercase") ? "" : LOWER,
    flag(options, "ExcludeUppercase") ? "" : UPPER,
    flag(options, "ExcludeNumbers") ? "" : DIGITS,
    flag(options, "ExcludePunctuation") ? "" : PUNCTUATION,
    flag(options, "IncludeSpace") ? " " : "",
  ].map((group) => [...group].filter((c) => !excluded.has(c)).join("")).filter((group) => group.length > 0);
  const alphabet = groups.join("") || LOWER;
  const length = Number(options.PasswordLength ?? 32);
  const chars = Array.from({ length }, () => alphabet[randomInt(alphabet.length)]);
  // RequireEachIncludedType (the default): one character of each included group, at distinct positions.
  if (options.RequireEachIncludedType === undefined || flag(options, "RequireEachIncludedType")) {
    groups.slice(0, length).forEach((group, i) => (chars[i] = group[randomInt(group.length)]));
    for (let i = chars.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j], chars[i]];
    }
  }
  return chars.join("");
}

function secretValue(props: Props): string {
  if (props.SecretString !== undefined) return String(props.SecretString);
  const generate = props.GenerateSecretString as Props | undefined;
  if (!generate) return randomPassword();
  const password = randomPassword(generate);
  const template = stringProp(generate, "SecretStringTemplate");
  const key = stringProp(generate, "GenerateStringKey");
  if (template === undefined || key === undefined) return password;
  return JSON.stringify({ ...(JSON.parse(template) as object), [key]: password });
}

export const secretProvisioner: ResourceProvisioner = {
  durations: { create: seconds(5), update: seconds(5), delete: seconds(5) },
  create(ctx, props) {
    const name = stringProp(props, "Name") ?? `${ctx.logicalId}-${randomAlphanumeric(12)}`;
    const secretArn = arn(ctx, "secretsmanager", `secret:${name}-${randomAlphanumeric(6)}`);
    ctx.secrets[secretArn] = { name, value: secretValue(props) };
    return { physicalId: secretArn, attributes: { Id: secretArn } };
  },
  update(ctx, props, current) {
    const secret = ctx.secrets[current.physicalId];
    // A generated value stays as it is unless the template now gives one (Secrets Manager keeps the current version).
    if (secret && props.SecretString !== undefined) secret.value = String(props.SecretString);
  },
  delete(ctx, current) {
    delete ctx.secrets[current.physicalId];
  },
};
