/**
 * `npx tsx scripts/bench/profileSummary.ts FILE.cpuprofile [--top N]`: the functions a V8 CPU profile (from
 * `npm run bench -- --profile DIR`) spent its time in, by self time and by total time (a sample counts once
 * for every distinct function on its stack), so a slow step points at a file and line.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

type ProfileNode = {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
};
type CpuProfile = { readonly nodes: readonly ProfileNode[]; readonly samples: readonly number[]; readonly timeDeltas: readonly number[] };

function frameName(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith('file://') ? relative(process.cwd(), new URL(url).pathname) : url || '(native)';
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

export function summarize(profile: CpuProfile, top: number): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let all = 0;
  profile.samples.forEach((sample, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    all += micros;
    const leaf = byId.get(sample);
    if (!leaf) return;
    self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + micros);
    const seen = new Set<string>();
    for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const name = frameName(node);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + micros);
    }
  });
  const list = (map: Map<string, number>): string =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => `${(micros / 1000).toFixed(0).padStart(8)} ms ${((100 * micros) / all).toFixed(1).padStart(5)} %  ${name}`)
      .join('\n');
  return `profile: ${(all / 1000).toFixed(0)} ms sampled\n\nself time\n${list(self)}\n\ntotal time (inclusive)\n${list(total)}\n`;
}

const [file, flag, count] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: npx tsx scripts/bench/profileSummary.ts FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const top = flag === '--top' && count !== undefined ? Number(count) : 25;
process.stdout.write(summarize(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top));
