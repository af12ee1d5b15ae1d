export interface NavItem {
  href: string;
  label: string;
  adminOnly?: boolean;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Overview" },
  { href: "/environment", label: "Environment" }, // issue 15: the platform graph and plans
  { href: "/templates", label: "Templates" },
  { href: "/stacks", label: "Stacks" },
  { href: "/deployments", label: "Deployments" },
  { href: "/approvals", label: "Approvals" },
  { href: "/alarms", label: "Alarms" },
  { href: "/costs", label: "Costs" },
  { href: "/environments", label: "Environments" },
  { href: "/audit", label: "Audit", adminOnly: true },
  { href: "/admin", label: "Admin", adminOnly: true },
  { href: "/settings/notifications", label: "Notifications", adminOnly: true }, // issue 16
];
