import { badGatewayHtml } from "../../common/http.js";

/** Gate APIv4 error bodies: {"label": ..., "message": ...} with the venue's HTTP statuses. */

export class GateRestError extends Error {
  constructor(readonly status: number, readonly label: string, message: string) {
    super(message);
  }

  body(): { label: string; message: string } {
    return { label: this.label, message: this.message };
  }
}

export const invalidCurrencyPair = (pair: string): GateRestError => new GateRestError(400, "INVALID_CURRENCY_PAIR", `Invalid currency pair ${pair}`);
export const invalidCurrency = (code: string): GateRestError => new GateRestError(400, "INVALID_CURRENCY", `Invalid currency ${code}`);
export const missingParam = (name: string): GateRestError => new GateRestError(400, "MISSING_REQUIRED_PARAM", `Missing required parameter: ${name}`);
export const invalidParam = (name: string, value: string): GateRestError =>
  new GateRestError(400, "INVALID_PARAM_VALUE", `Invalid parameter \`${name}\` with value: ${value}`);
export const notFound = (): GateRestError => new GateRestError(404, "NOT_FOUND", "Request URL not exists");
export const methodNotAllowed = (): GateRestError => new GateRestError(405, "METHOD_NOT_ALLOWED", "Request method is not allowed");

/** Bodies served when a fault forces an HTTP status. */
export function injectedErrorResponse(status: number): { contentType: string; body: string } {
  switch (status) {
    case 429:
      return { contentType: "application/json", body: JSON.stringify({ label: "TOO_MANY_REQUESTS", message: "Request Rate Limit Exceeded (003)" }) };
    case 500:
      return { contentType: "application/json", body: JSON.stringify({ label: "SERVER_ERROR", message: "Internal server error" }) };
    case 503:
      return { contentType: "application/json", body: JSON.stringify({ label: "TOO_BUSY", message: "Server is too busy at the moment" }) };
    case 502:
    default:
      // an edge proxy in front of the API answers with HTML, not the API's JSON
      return { contentType: "text/html", body: badGatewayHtml(status) };
  }
}
