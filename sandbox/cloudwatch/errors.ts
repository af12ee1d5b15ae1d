// CloudWatch is awsJson1_0 with awsQueryCompatible: the SDK reads the error code from `x-amzn-query-error` and
// maps it to the modelled exception whose awsQueryError code matches (client-cloudwatch's schema registry).
// Services throw AwsError with the query code; the server writes `__type` with the shape name below.
export const CLOUDWATCH_QUERY_ERROR_SHAPES: Record<string, string> = {
  InvalidParameterValue: "InvalidParameterValueException",
  InvalidParameterCombination: "InvalidParameterCombinationException",
  MissingParameter: "MissingRequiredParameterException",
  ResourceNotFound: "ResourceNotFound",
  ResourceNotFoundException: "ResourceNotFoundException",
  LimitExceeded: "LimitExceededFault",
  InvalidNextToken: "InvalidNextToken",
  InvalidFormat: "InvalidFormatFault",
  InternalServiceError: "InternalServiceFault",
  Throttling: "ThrottlingException",
  ValidationError: "ValidationException",
};
