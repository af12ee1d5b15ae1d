// Stack statuses that end an operation. REVIEW_IN_PROGRESS (an unexecuted change set) and every *_IN_PROGRESS,
// including UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, mean CloudFormation is not done yet.
export function isFinalStackStatus(status: string): boolean {
  return !status.endsWith("_IN_PROGRESS");
}
