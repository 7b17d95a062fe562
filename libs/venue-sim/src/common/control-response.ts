/** What a /__sim/ control request answers: an HTTP status and a JSON body. */
export interface ControlResponse {
  status: number;
  body: unknown;
}
