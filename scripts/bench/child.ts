/**
 * One benchmark step in its own process: `child.ts <step> <params JSON>`. The result goes back to the
 * parent over the IPC channel, so a step's own output (loggers on stderr) never mixes with it.
 */
import { STEPS, isStepName, type Measurement, type StepParams } from './steps.ts';

export type ChildReply = { readonly ok: true; readonly rows: Measurement[] } | { readonly ok: false; readonly error: string };

async function main(): Promise<void> {
  const [name = '', paramsText = '{}'] = process.argv.slice(2);
  let reply: ChildReply;
  try {
    if (!isStepName(name)) throw new Error(`unknown benchmark step '${name}'`);
    const params = JSON.parse(paramsText) as StepParams;
    reply = { ok: true, rows: await STEPS[name](params) };
  } catch (error) {
    reply = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  if (!process.send) {
    process.stdout.write(`${JSON.stringify(reply, null, 2)}\n`);
    return;
  }
  process.send(reply, () => process.exit(reply.ok ? 0 : 1));
}

void main();
