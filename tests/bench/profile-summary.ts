// Summarises a V8 .cpuprofile: self time by function and by file, and the
// inclusive time of the functions named on the command line (issue 17).
//   npx tsx tests/bench/profile-summary.ts FILE.cpuprofile [top] [name...]
import { readFileSync } from 'node:fs';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
const [file, topArg, ...names] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary FILE.cpuprofile [top] [name...]');
const prof = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
};
const top = Number(topArg ?? 40);
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const short = (u: string) => u.replace(/^.*\/p\//, '').replace(/^file:\/\//, '');
const label = (n: Node) =>
  `${n.callFrame.functionName || '(anon)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
const fnSelf = new Map<string, number>();
const fileSelf = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const [id, t] of self) {
  const n = byId.get(id);
  if (!n) continue;
  add(fnSelf, label(n), t);
  add(fileSelf, short(n.callFrame.url) || n.callFrame.functionName, t);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const a = byId.get(at);
    if (!a) break;
    const l = label(a);
    if (!seen.has(l)) add(inclusive, l, t);
    seen.add(l);
  }
}
const pct = (t: number) => `${((100 * t) / total).toFixed(1).padStart(5)}%`;
const print = (title: string, m: Map<string, number>, k: number, filter = (_: string) => true) => {
  console.log(`\n${title}`);
  for (const [l, t] of [...m]
    .filter(([l]) => filter(l))
    .sort((a, b) => b[1] - a[1])
    .slice(0, k))
    console.log(`${pct(t)} ${(t / 1000).toFixed(0).padStart(7)} ms  ${l}`);
};
console.log(`total ${(total / 1000).toFixed(0)} ms`);
print('self time by function', fnSelf, top);
print('self time by file', fileSelf, 25);
print('inclusive (project code)', inclusive, top, (l) =>
  names.length ? names.some((n) => l.includes(n)) : /(main|preload|native)\//.test(l),
);

// `CALLERS=name`: who calls the functions whose label contains `name`, by time.
const callersOf = process.env.CALLERS;
if (callersOf) {
  const chains = new Map<string, number>();
  for (const [id, t] of self) {
    const n = byId.get(id);
    if (!n || !label(n).includes(callersOf)) continue;
    const chain: string[] = [];
    for (let at = parent.get(id); at !== undefined && chain.length < 6; at = parent.get(at)) {
      const a = byId.get(at);
      if (a) chain.push(label(a));
    }
    add(chains, chain.join(' < '), t);
  }
  print(`callers of ${callersOf}`, chains, 8);
}
