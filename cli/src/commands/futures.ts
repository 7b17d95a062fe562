import {
  AUTH_OPTIONS,
  choice,
  connectionOptions,
  COUNT_OPTION,
  flag,
  HELP_OPTION,
  JSON_OPTION,
  oneSymbol,
  positiveInt,
  stringValue,
  symbolList,
  SYMBOLS_OPTION,
  TIMEOUT_OPTION,
  type OptionDefs,
} from '../args.js';
import { FUTURES_ADDRESS } from '../default-addresses.js';
import type { Command } from '../command.js';
import { targetFrom } from '../connection.js';
import { UsageError } from '../errors.js';
import { futuresOrderLine, jsonLine, positionLine } from '../format.js';
import type { FuturesOrderMsg, PositionMsg } from '../messages.js';
import { tail, unary } from '../rpc.js';
import { renderTable } from '../table.js';

// FuturesTrading: orders sized in contracts or base units (never guessed), leverage, positions
// (a table, or a live tail), closing a position, the margin account.

const BASE: OptionDefs = { ...connectionOptions(FUTURES_ADDRESS), ...AUTH_OPTIONS, ...TIMEOUT_OPTION, ...JSON_OPTION, ...HELP_OPTION };
const SYMBOL: OptionDefs = { symbol: { type: 'string', value: '<BASE/QUOTE>', help: 'contract, e.g. BTC/USDT' } };
const CLIENT_ID: OptionDefs = { 'client-order-id': { type: 'string', value: '<id>', help: 'idempotency key: retrying with it never places a second order' } };

export const futuresPlaceCommand: Command = {
  name: 'futures-place',
  summary: 'place a futures order sized in --contracts or --base-quantity (FuturesTrading/PlaceFuturesOrder)',
  synopsis: '--symbol <BASE/QUOTE> --side buy|sell [--type market|limit] (--contracts <n> | --base-quantity <decimal>) [--price <decimal>] [--reduce-only] [--client-order-id <id>]',
  options: {
    ...SYMBOL,
    side: { type: 'string', value: 'buy|sell', help: 'order side' },
    type: { type: 'string', value: 'market|limit', default: 'limit', help: 'order type' },
    contracts: { type: 'string', value: '<n>', help: 'size in whole contracts' },
    'base-quantity': { type: 'string', value: '<decimal>', help: 'size in base units; must be a whole number of contracts' },
    price: { type: 'string', value: '<decimal>', help: 'limit price, sent exactly as typed' },
    'reduce-only': { type: 'boolean', help: 'only reduce the position; refused if it would open or grow one' },
    tif: { type: 'string', value: 'gtc|ioc|fok', help: 'time in force' },
    'post-only': { type: 'boolean', help: 'maker only' },
    ...CLIENT_ID,
    ...BASE,
  },
  notes: ['example:', '  cexgw futures-place --symbol BTC/USDT --side buy --type market --contracts 10 --client-order-id open-1'],
  async run(values, io) {
    const side = choice(values, 'side', ['buy', 'sell'] as const, 'futures-place');
    if (side === undefined) throw new UsageError('--side is required (buy or sell)', 'futures-place');
    const type = choice(values, 'type', ['limit', 'market'] as const, 'futures-place') ?? 'limit';
    const tif = choice(values, 'tif', ['gtc', 'ioc', 'fok'] as const, 'futures-place');
    const contracts = stringValue(values, 'contracts');
    const base = stringValue(values, 'base-quantity');
    if ((contracts === undefined) === (base === undefined)) throw new UsageError('give exactly one of --contracts or --base-quantity', 'futures-place');
    const request = {
      symbol: oneSymbol(values, 'futures-place'),
      side: `SIDE_${side.toUpperCase()}`,
      type: `ORDER_TYPE_${type.toUpperCase()}`,
      ...(contracts !== undefined ? { contracts } : { base_quantity: base }),
      price: stringValue(values, 'price') ?? '',
      time_in_force: tif ? `TIME_IN_FORCE_${tif.toUpperCase()}` : 'TIME_IN_FORCE_UNSPECIFIED',
      post_only: flag(values, 'post-only'),
      reduce_only: flag(values, 'reduce-only'),
      client_order_id: stringValue(values, 'client-order-id') ?? '',
    };
    const order = await unary<FuturesOrderMsg>(targetFrom(values, io.env, 'futures-place', true), 'FuturesTrading', 'PlaceFuturesOrder', request);
    io.stdout.write(flag(values, 'json') ? jsonLine(order) : `${futuresOrderLine(order)}\n`);
    return 0;
  },
};

export const closePositionCommand: Command = {
  name: 'close-position',
  summary: 'close the whole position of a contract with a reduce-only market order (FuturesTrading/ClosePosition)',
  synopsis: '--symbol <BASE/QUOTE> [--client-order-id <id>]',
  options: { ...SYMBOL, ...CLIENT_ID, ...BASE },
  async run(values, io) {
    const request = { symbol: oneSymbol(values, 'close-position'), client_order_id: stringValue(values, 'client-order-id') ?? '' };
    const order = await unary<FuturesOrderMsg>(targetFrom(values, io.env, 'close-position', true), 'FuturesTrading', 'ClosePosition', request);
    io.stdout.write(flag(values, 'json') ? jsonLine(order) : `${futuresOrderLine(order)}\n`);
    return 0;
  },
};

export const leverageCommand: Command = {
  name: 'leverage',
  summary: "set a contract's leverage within its limits (FuturesTrading/SetLeverage)",
  synopsis: '--symbol <BASE/QUOTE> --leverage <n> [--margin isolated|cross]',
  options: {
    ...SYMBOL,
    leverage: { type: 'string', value: '<n>', help: 'whole number within the contract limits' },
    margin: { type: 'string', value: 'isolated|cross', default: 'isolated', help: 'margin mode' },
    ...BASE,
  },
  async run(values, io) {
    const leverage = positiveInt(values, 'leverage', 'leverage');
    if (leverage === undefined) throw new UsageError('--leverage is required', 'leverage');
    const margin = choice(values, 'margin', ['isolated', 'cross'] as const, 'leverage') ?? 'isolated';
    const request = { symbol: oneSymbol(values, 'leverage'), leverage, margin_mode: `MARGIN_MODE_${margin.toUpperCase()}` };
    const answer = await unary<{ leverage: number; margin_mode: string }>(targetFrom(values, io.env, 'leverage', true), 'FuturesTrading', 'SetLeverage', request);
    io.stdout.write(flag(values, 'json') ? jsonLine(answer) : `leverage ${answer.leverage}x ${answer.margin_mode.replace('MARGIN_MODE_', '').toLowerCase()}\n`);
    return 0;
  },
};

export const positionsCommand: Command = {
  name: 'positions',
  summary: 'open positions as a table (GetPositions), or with --follow a live tail (StreamPositions)',
  synopsis: '[--symbol <BASE/QUOTE>...] [--follow] [--count <n>] [--json]',
  options: { ...SYMBOLS_OPTION, follow: { type: 'boolean', help: 'stream changes (current positions first)' }, ...COUNT_OPTION, ...BASE },
  async run(values, io) {
    const symbols = symbolList(values, 'positions');
    const target = targetFrom(values, io.env, 'positions', true);
    const json = flag(values, 'json');
    if (flag(values, 'follow')) {
      await tail<PositionMsg>(target, 'FuturesTrading', 'StreamPositions', { symbols }, (p) => void io.stdout.write(json ? jsonLine(p) : `${positionLine(p)}\n`), {
        count: positiveInt(values, 'count', 'positions'),
      });
      return 0;
    }
    if (symbols.length > 1) throw new UsageError('give at most one --symbol without --follow', 'positions');
    const response = await unary<{ positions: PositionMsg[] }>(target, 'FuturesTrading', 'GetPositions', symbols.length ? { symbol: symbols[0] } : {});
    if (json) io.stdout.write(jsonLine(response));
    else if (response.positions.length === 0) io.stdout.write('no open positions\n');
    else {
      const rows = response.positions.map((p) => [
        `${p.symbol.base}/${p.symbol.quote}`,
        p.side.replace('POSITION_SIDE_', '').toLowerCase(),
        p.contracts,
        p.base_quantity,
        p.entry_price,
        p.mark_price,
        `${p.leverage}x`,
        p.margin,
        p.unrealised_pnl,
        p.liquidation_price,
      ]);
      io.stdout.write(
        renderTable(['symbol', 'side', 'contracts', 'base', 'entry', 'mark', 'leverage', 'margin', 'unrealised', 'liquidation'], rows, [
          'left',
          'left',
          'decimal',
          'decimal',
          'decimal',
          'decimal',
          'left',
          'decimal',
          'decimal',
          'decimal',
        ]),
      );
    }
    return 0;
  },
};

export const futuresBalanceCommand: Command = {
  name: 'futures-balance',
  summary: 'the futures margin account (FuturesTrading/GetFuturesBalance)',
  synopsis: '[--json]',
  options: BASE,
  async run(values, io) {
    const b = await unary<Record<string, string>>(targetFrom(values, io.env, 'futures-balance', true), 'FuturesTrading', 'GetFuturesBalance', {});
    if (flag(values, 'json')) io.stdout.write(jsonLine(b));
    else
      io.stdout.write(
        renderTable(
          ['asset', 'total', 'available', 'position margin', 'order margin', 'unrealised pnl'],
          [[b.asset!, b.total!, b.available!, b.position_margin!, b.order_margin!, b.unrealised_pnl!]],
          ['left', 'decimal', 'decimal', 'decimal', 'decimal', 'decimal'],
        ),
      );
    return 0;
  },
};
