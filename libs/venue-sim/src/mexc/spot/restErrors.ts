import { badGatewayHtml } from "../../common/http.js";

/** MEXC spot v3 error bodies: {"code": <int>, "msg": "<text>"} with an HTTP status. */

export class MexcRestError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
  }

  body(): { code: number; msg: string } {
    return { code: this.code, msg: this.message };
  }
}

/** Unknown symbol on a market-data endpoint (ccxt maps -1121 / "Invalid symbol." to BadSymbol). */
export const invalidSymbol = (): MexcRestError => new MexcRestError(400, -1121, "Invalid symbol.");
/** A required parameter other than symbol is missing (documented code 44444). */
export const paramMissing = (): MexcRestError => new MexcRestError(400, 44444, "param cannot be null");
/** A parameter has a malformed value (documented code 33333). */
export const paramError = (): MexcRestError => new MexcRestError(400, 33333, "param is error");
/** startTime/endTime must come together on aggTrades (the venue's documented rule). */
export const badCombination = (): MexcRestError => new MexcRestError(400, -1128, "Combination of optional parameters invalid.");
export const notFound = (): MexcRestError => new MexcRestError(404, 404, "Not Found");
export const methodNotAllowed = (): MexcRestError => new MexcRestError(405, 405, "Method Not Allowed");

/** Bodies served when a fault forces an HTTP status (codes and texts from the documented code table). */
export function injectedErrorResponse(status: number): { contentType: string; body: string; headers: Record<string, string> } {
  switch (status) {
    case 429:
      return { contentType: "application/json", body: JSON.stringify({ code: 429, msg: "Too Many Requests" }), headers: { "Retry-After": "1" } };
    case 500:
      return { contentType: "application/json", body: JSON.stringify({ code: 500, msg: "Internal error" }), headers: {} };
    case 503:
      return { contentType: "application/json", body: JSON.stringify({ code: 503, msg: "service not available, please try again" }), headers: {} };
    case 502:
    default:
      return { contentType: "text/html", body: badGatewayHtml(status), headers: {} };
  }
}
