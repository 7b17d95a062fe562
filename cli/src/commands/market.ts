import { connectionOptions, COUNT_OPTION, flag, HELP_OPTION, JSON_OPTION, positiveInt, symbolList, SYMBOLS_OPTION, type Values } from '../args.js';
import type { Command, Io } from '../command.js';
import { MARKET_DATA_ADDRESS } from '../default-addresses.js';
import { targetFrom } from '../connection.js';
import { UsageError } from '../errors.js';
import { jsonLine, tickerLine, tradeLine } from '../format.js';
import type { TickerMsg, TradeMsg } from '../messages.js';
import { tail } from '../rpc.js';

const TAIL_OPTIONS = { ...connectionOptions(MARKET_DATA_ADDRESS), ...SYMBOLS_OPTION, ...JSON_OPTION, ...COUNT_OPTION, ...HELP_OPTION };

function marketTail<T>(name: string, method: string, line: (message: T) => string) {
  return async (values: Values, io: Io): Promise<number> => {
    const symbols = symbolList(values, name);
    if (symbols.length === 0) throw new UsageError('--symbol is required, e.g. --symbol BTC/USDT', name);
    const json = flag(values, 'json');
    const target = targetFrom(values, io.env, name);
    await tail<T>(target, 'MarketData', method, { symbols }, (message) => void io.stdout.write(json ? jsonLine(message) : `${line(message)}\n`), {
      count: positiveInt(values, 'count', name),
    });
    return 0;
  };
}

export const tradesCommand: Command = {
  name: 'trades',
  summary: 'tail public trades (MarketData/StreamTrades), one line per trade',
  synopsis: '--symbol <BASE/QUOTE>... [--json] [--count <n>] [--addr <host:port>]',
  options: TAIL_OPTIONS,
  notes: ['example:', '  cexgw trades --symbol BTC/USDT,ETH/USDT --json'],
  run: marketTail<TradeMsg>('trades', 'StreamTrades', tradeLine),
};

export const tickersCommand: Command = {
  name: 'tickers',
  summary: 'tail tickers (MarketData/StreamTickers, conflated by the gateway), one line per ticker',
  synopsis: '--symbol <BASE/QUOTE>... [--json] [--count <n>] [--addr <host:port>]',
  options: TAIL_OPTIONS,
  notes: ['example:', '  cexgw tickers --symbol BTC/USDT --symbol ETH/USDT'],
  run: marketTail<TickerMsg>('tickers', 'StreamTickers', tickerLine),
};
