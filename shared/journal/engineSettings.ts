import * as archetype from '../engine/archetype.ts';
import * as attribution from '../engine/attribution.ts';
import * as finalLabel from '../engine/finalLabel.ts';
import * as memoryTriggers from '../engine/memoryTriggers.ts';
import * as penalties from '../engine/penalties.ts';
import * as reinforcement from '../engine/reinforcement.ts';
import * as timeBlock from '../engine/timeBlock.ts';
import * as regretContext from '../engine/regret/context.ts';
import * as decay from '../engine/regret/decay.ts';
import * as entry from '../engine/regret/entry.ts';
import * as exit from '../engine/regret/exit.ts';
import * as features from '../engine/regret/features.ts';
import * as lateExit from '../engine/regret/lateExit.ts';
import * as pin from '../engine/regret/pin.ts';
import * as scoreMath from '../engine/regret/scoreMath.ts';
import * as timing from '../engine/regret/timing.ts';
import * as trapEntry from '../engine/regret/trapEntry.ts';
import * as barWindow from '../market/barWindow.ts';
import * as impliedVolatility from '../market/impliedVolatility.ts';
import * as sessionLevels from '../market/sessionLevels.ts';
import * as timeToExpiry from '../market/timeToExpiry.ts';

type Setting = number | string | boolean | null | readonly Setting[] | { readonly [key: string]: Setting };

/**
 * Every named constant the engine runs with, read from the modules themselves (never copied by hand, so
 * mesh_config.json cannot drift from the code). A module's exports come in sorted order by the language's
 * rules, so the file is stable. Numbers, flags and tables are kept; functions and schemas are not settings.
 */
const MODULES: readonly (readonly [string, Record<string, unknown>])[] = [
  ['attribution', attribution],
  ['time_block', timeBlock],
  ['archetype', archetype],
  ['final_label', finalLabel],
  ['penalties', penalties],
  ['reinforcement', reinforcement],
  ['memory_triggers', memoryTriggers],
  ['regret.context', regretContext],
  ['regret.entry', entry],
  ['regret.exit', exit],
  ['regret.timing', timing],
  ['regret.decay', decay],
  ['regret.pin', pin],
  ['regret.trap_entry', trapEntry],
  ['regret.late_exit', lateExit],
  ['regret.features', features],
  ['regret.score_math', scoreMath],
  ['market.bar_window', barWindow],
  ['market.implied_volatility', impliedVolatility],
  ['market.session_levels', sessionLevels],
  ['market.time_to_expiry', timeToExpiry],
];

export function engineSettings(): Record<string, Record<string, Setting>> {
  const settings: Record<string, Record<string, Setting>> = {};
  for (const [name, namespace] of MODULES) {
    const constants: Record<string, Setting> = {};
    for (const key of Object.keys(namespace).sort()) {
      if (!/^[A-Z][A-Z0-9_]*$/.test(key)) continue;
      const value = asSetting(namespace[key]);
      if (value !== undefined) constants[key] = value;
    }
    if (Object.keys(constants).length > 0) settings[name] = constants;
  }
  return settings;
}

function asSetting(value: unknown): Setting | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value;
  if (Array.isArray(value)) {
    const items = value.map(asSetting);
    return items.every((item) => item !== undefined) ? (items as Setting[]) : undefined;
  }
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, Setting> = {};
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const setting = asSetting(item);
      if (setting === undefined) return undefined;
      out[key] = setting;
    }
    return out;
  }
  return undefined;
}
