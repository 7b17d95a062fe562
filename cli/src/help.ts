import type { Command } from './command.js';

export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, def]) => {
    const left = `${def.short ? `-${def.short}, ` : '    '}--${name}${def.value ? ` ${def.value}` : ''}`;
    const right = `${def.help}${def.default !== undefined ? ` (default ${def.default})` : ''}${def.multiple ? ' [repeatable]' : ''}`;
    return [left, right] as const;
  });
  const width = Math.max(...rows.map(([left]) => left.length));
  const lines = [`usage: cexgw ${command.name} ${command.synopsis}`, '', command.summary, '', 'options:', ...rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`)];
  if (command.notes?.length) lines.push('', ...command.notes);
  return `${lines.join('\n')}\n`;
}

export function globalHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: cexgw <command> [options]      (cexgw <command> --help for its options)',
    '',
    'An operator CLI for cex-gateway. It speaks only gRPC (cexgw.v1, grpc.health.v1) to running',
    'market-data and trading processes; decimals are printed exactly as the gateway sent them.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Trading commands need the gateway token: --token-file <file>, $CEXGW_TOKEN, or --token.',
    'Exit codes: 0 ok, 1 the gateway answered with an error (or is not SERVING), 2 usage error.',
    '',
  ].join('\n');
}
