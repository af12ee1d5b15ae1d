// Read side of the deployments domain: plain DTOs, each query selecting only what it shows.
export { listStacks, getStackDetail } from "./stack-queries.ts";
export { getDeployment, listDeployments, listDeploymentEvents } from "./deployment-queries.ts";
