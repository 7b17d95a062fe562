// The CLI's building blocks, for tests and for embedding (the binary is main.js).
export { run, VERSION } from './run.js';
export { COMMANDS } from './commands/index.js';
export { bookJson, bookView, renderBook, spreadOf, type BookView } from './book-render.js';
export { alignDecimals, renderTable } from './table.js';
export { renderMetrics } from './commands/metrics.js';
export { formatServiceError } from './errors.js';
export { parseSymbol } from './args.js';
export type { Io } from './command.js';
