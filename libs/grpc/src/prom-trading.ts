import type { Registry } from 'prom-client';
import type { CallCounters } from './call-counters.js';
import type { TradingFigures } from './diagnostics.js';
import { counterFigure, gaugeFigure, windowSummary } from './prom-figures.js';

/** A trading process's figures: calls by outcome, venue placements, fills through the journal, the kill switch. */
export function registerTradingMetrics(registry: Registry, trading: TradingFigures, calls: CallCounters | undefined): void {
  const fills = () => trading.fills;
  if (calls) {
    counterFigure(
      registry,
      'cexgw_trading_calls_total',
      'Trading RPCs answered, by method and outcome ("ok" or the error class; refused orders are method=~"Place.*|ClosePosition", outcome!="ok").',
      ['method', 'outcome'],
      function* () {
        for (const [method, outcome, count] of calls.entries()) yield [{ method, outcome }, count] as const;
      },
    );
  }
  counterFigure(registry, 'cexgw_order_placements_total', 'Orders sent to the venue (a retried client order id answered from the journal sends nothing).', [], () => trading.placements);
  gaugeFigure(registry, 'cexgw_orders_in_flight', 'Placements sent and not yet answered.', [], () => trading.inFlight);
  counterFigure(registry, 'cexgw_fills_received_total', 'Fills received from the venue private stream.', [], () => fills().received);
  counterFigure(registry, 'cexgw_fills_journaled_total', 'Fills written to the journal (new ones; from the stream or REST recovery).', [], () => fills().journaled);
  counterFigure(registry, 'cexgw_fills_duplicate_total', 'Fills seen again (stream and REST) and not journaled twice.', [], () => fills().duplicates);
  counterFigure(registry, 'cexgw_fills_recovered_total', 'Fills journaled from REST history that the private stream had missed.', [], () => fills().recovered);
  counterFigure(registry, 'cexgw_fill_recoveries_total', 'REST fill recovery passes.', [], () => fills().recoveries);
  counterFigure(registry, 'cexgw_journal_write_errors_total', 'Failed journal writes of fills (they are recovered from REST history).', [], () => fills().writeErrors);
  gaugeFigure(registry, 'cexgw_journal_last_cursor', 'Newest fill cursor in the journal.', [], () => fills().lastCursor);
  windowSummary(registry, 'cexgw_journal_append_duration_seconds', 'Time to commit one batch of fills to the journal.', 1e-3, () => [[{}, trading.journalAppendLatencyMs]]);
  gaugeFigure(registry, 'cexgw_kill_switch_engaged', '1 while the kill switch refuses new orders.', [], () => (trading.killSwitchEngaged ? 1 : 0));
}
