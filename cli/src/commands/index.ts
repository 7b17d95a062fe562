import type { Command } from '../command.js';
import { bookCommand } from './book.js';
import { closePositionCommand, futuresBalanceCommand, futuresPlaceCommand, leverageCommand, positionsCommand } from './futures.js';
import { healthCommand } from './health.js';
import { tickersCommand, tradesCommand } from './market.js';
import { metricsCommand } from './metrics.js';
import { spreadCommand } from './spread.js';
import { fillsCommand, ordersCommand } from './private-streams.js';
import { balancesCommand, cancelCommand, openOrdersCommand, orderCommand, placeCommand } from './trading.js';

/** Every command, in the order `cexgw --help` lists them. */
export const COMMANDS: readonly Command[] = [
  bookCommand,
  spreadCommand,
  tradesCommand,
  tickersCommand,
  placeCommand,
  cancelCommand,
  orderCommand,
  openOrdersCommand,
  balancesCommand,
  fillsCommand,
  ordersCommand,
  futuresPlaceCommand,
  leverageCommand,
  positionsCommand,
  closePositionCommand,
  futuresBalanceCommand,
  healthCommand,
  metricsCommand,
];
