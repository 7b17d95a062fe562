/**
 * Turns one venue's websocket frames into typed events (the venue's router and parsers). The
 * websocket client stays format-agnostic: JSON, protobuf, or a mix on one socket is the
 * strategy's business. Malformed frames are counted and dropped, never thrown.
 */
export interface MessageParsingStrategy {
  handleFrame(data: Buffer, isBinary: boolean, receivedUs: number): void;
}
