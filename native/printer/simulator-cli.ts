// Stand-alone printer simulator for trying the app against "a printer on the network":
//   tsx native/printer/simulator-cli.ts --port 9100 [--host 127.0.0.1] [--columns 48]
//     [--cover-open] [--paper-near-end] [--paper-out] [--offline]
// Each job is decoded from the exact bytes received and printed as the paper would look; status
// queries (DLE EOT) are answered as from a printer in the state the flags give.

import { parseArgs } from 'node:util';
import type { Buffer } from 'node:buffer';
import { decodeEscPos } from './escpos-decoder';
import type { DecodedLine } from './escpos-decoder';
import { displayWidth } from './text-width';
import { startPrinterSimulator } from './simulator';

function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`not a TCP port: ${value}`);
  }
  return port;
}

function renderLine(line: DecodedLine, columns: number, ansi: boolean): string {
  if (line.text === '') return '│';
  const width = displayWidth(line.text) * (line.double ? 2 : 1);
  const free = Math.max(0, columns - width);
  const indent = line.align === 'center' ? Math.floor(free / 2) : line.align === 'right' ? free : 0;
  const marks = line.double ? ' «2×»' : '';
  const body = ansi && (line.bold || line.double) ? `\x1b[1m${line.text}\x1b[22m` : line.text;
  return `│${' '.repeat(indent)}${body}${marks}`;
}

function renderJob(job: Buffer, index: number, columns: number, ansi: boolean): string {
  const receipt = decodeEscPos(job);
  const out = [`┌── job ${index} · ${job.length} bytes ${'─'.repeat(Math.max(0, columns - 20))}`];
  for (let k = 0; k < receipt.drawerKicks; k++) out.push('│ [cash drawer kick]');
  for (const line of receipt.lines) out.push(renderLine(line, columns, ansi));
  if (receipt.unknownCommands > 0) out.push(`│ [${receipt.unknownCommands} unknown command(s)]`);
  out.push(receipt.cuts > 0 ? `└── ✂ cut ×${receipt.cuts}` : '└── (no cut)');
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      columns: { type: 'string' },
      'cover-open': { type: 'boolean', default: false },
      'paper-near-end': { type: 'boolean', default: false },
      'paper-out': { type: 'boolean', default: false },
      offline: { type: 'boolean', default: false },
    },
  });
  const columns = values.columns === '32' ? 32 : 48;
  const ansi = process.stdout.isTTY === true;
  let count = 0;

  const simulator = await startPrinterSimulator({
    host: values.host,
    port: parsePort(values.port, 9100),
    state: {
      coverOpen: values['cover-open'],
      paperNearEnd: values['paper-near-end'],
      paperOut: values['paper-out'],
      offline: values.offline,
    },
    onJob: (job) => {
      count += 1;
      process.stdout.write(`${renderJob(job, count, columns, ansi)}\n\n`);
    },
  });
  process.stdout.write(`printer simulator listening on ${simulator.host}:${simulator.port}\n`);

  const stop = (): void => {
    process.stdout.write(`\nstopping printer simulator (${count} job(s) received)\n`);
    simulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `printer simulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
