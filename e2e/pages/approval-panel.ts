import { expect, type Page } from "@playwright/test";

/** The approval parts of the deployment page and the Approvals queue. */
export class ApprovalPanel {
  constructor(private readonly page: Page) {}

  async requestApproval(reason: string) {
    await this.page.getByLabel("Why is this change needed?").fill(reason);
    await this.page.getByRole("button", { name: "Request approval" }).click();
    await expect(this.page.getByRole("heading", { name: "Approval request" })).toBeVisible();
  }

  navCount() {
    return this.page.getByTestId("nav-count-approvals");
  }

  pendingTable() {
    return this.page.getByRole("table", { name: "Pending approval requests" });
  }

  approvalCount() {
    return this.page.getByTestId("approval-count");
  }

  async approve(comment: string) {
    await this.page.getByLabel("Comment").fill(comment);
    await this.page.getByRole("button", { name: "Approve", exact: true }).click();
  }
}
