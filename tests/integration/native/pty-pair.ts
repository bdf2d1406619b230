import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/**
 * A linked pair of pseudo-terminals, like `socat -d -d pty,raw,echo=0 pty,raw,echo=0`: bytes
 * written to one path come out of the other, so a serial driver under test opens `a` with the
 * real serialport code while the test plays the device on `b`.
 *
 * It is a small python3 relay (python3 is on every machine here; socat is not), which opens two
 * ptys in raw mode without echo, keeps their far ends open so a side may close and reopen its
 * path, and copies bytes between the two masters.
 */
export interface PtyPair {
  readonly a: string;
  readonly b: string;
  close(): Promise<void>;
}

const RELAY = String.raw`
import os, select, sys, tty, fcntl
masters, slaves, names = [], [], []
for _ in range(2):
    m, s = os.openpty()
    tty.setraw(s)
    fcntl.fcntl(m, fcntl.F_SETFL, fcntl.fcntl(m, fcntl.F_GETFL) | os.O_NONBLOCK)
    masters.append(m); slaves.append(s); names.append(os.ttyname(s))
sys.stdout.write(names[0] + "\n" + names[1] + "\n"); sys.stdout.flush()
pending = [b"", b""]  # bytes waiting to be written to masters[i]
while True:
    wants = [masters[i] for i in (0, 1) if pending[i]]
    readable, writable, _ = select.select(masters + [0], wants, [])
    if 0 in readable and not os.read(0, 1):
        break  # the test closed our stdin: done
    for i in (0, 1):
        if masters[i] in readable:
            try:
                pending[1 - i] += os.read(masters[i], 65536)
            except (BlockingIOError, OSError):
                pass
        if masters[i] in writable and pending[i]:
            try:
                n = os.write(masters[i], pending[i])
                pending[i] = pending[i][n:]
            except (BlockingIOError, OSError):
                pass
`;

export async function openPtyPair(): Promise<PtyPair> {
  const child: ChildProcess = spawn('python3', ['-u', '-c', RELAY], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const paths = await new Promise<string[]>((resolve, reject) => {
    const lines: string[] = [];
    const rl = createInterface({ input: child.stdout! });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`pty relay exited early (${code})`)));
    rl.on('line', (line) => {
      lines.push(line.trim());
      if (lines.length === 2) {
        rl.close();
        resolve(lines);
      }
    });
  });
  const [a, b] = paths as [string, string];
  return {
    a,
    b,
    close: async () => {
      if (child.exitCode === null) {
        child.stdin?.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
