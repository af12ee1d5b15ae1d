// A CloudFormation template as the catalog sees it (after parsing, short forms turned into long forms).

export interface ParameterSpec {
  Type: string;
  Description?: string;
  Default?: string | number;
  AllowedValues?: (string | number)[];
  AllowedPattern?: string;
  MinLength?: number;
  MaxLength?: number;
  MinValue?: number;
  MaxValue?: number;
  NoEcho?: boolean | string;
  ConstraintDescription?: string;
}

export interface ResourceSpec {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  Metadata?: Record<string, unknown>;
}

export interface OutputSpec {
  Description?: string;
  Value: unknown;
  Export?: { Name: unknown };
  Condition?: string;
}

export interface StackdeckMetadata {
  Title: string;
  Description: string;
  Category: string;
  DependsOn: string[];
  UserParameters: string[];
}

export interface TemplateDocument {
  AWSTemplateFormatVersion?: string;
  Description?: string;
  Metadata?: { Stackdeck?: StackdeckMetadata } & Record<string, unknown>;
  Parameters?: Record<string, ParameterSpec>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Rules?: Record<string, { RuleCondition?: unknown; Assertions: { Assert: unknown; AssertDescription?: string }[] }>;
  Resources: Record<string, ResourceSpec>;
  Outputs?: Record<string, OutputSpec>;
}

/** A problem found in a template, located as precisely as we can. */
export interface TemplateIssue {
  message: string;
  line?: number;
  path?: string; // e.g. "Resources.Vpc.Properties.CidrBlock"
}
