import { EmptyState } from "@/components/ui/empty-state";

export function NoEnvironmentAccess() {
  return (
    <EmptyState title="You have no access to any environment yet">
      Ask an administrator to grant you a role (viewer, deployer or approver) for staging or production.
    </EmptyState>
  );
}
