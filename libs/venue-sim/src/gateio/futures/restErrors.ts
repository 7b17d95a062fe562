import { GateRestError } from "../spot/restErrors.js";

/** Gate APIv4 error bodies shared with spot, plus the futures labels. */
export { GateRestError, injectedErrorResponse, invalidParam, methodNotAllowed, missingParam, notFound } from "../spot/restErrors.js";

/** A label-only body, as the live venue answers an unknown contract ({"label":"CONTRACT_NOT_FOUND"}). */
export class GateLabelOnlyError extends GateRestError {
  override body(): { label: string; message: string } {
    return { label: this.label } as { label: string; message: string };
  }
}

export const contractNotFound = (contract: string): GateRestError => new GateLabelOnlyError(400, "CONTRACT_NOT_FOUND", `Contract ${contract} not found`);
