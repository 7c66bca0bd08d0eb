import type { CommandContext } from './common.js';

/** `keguan setup`: the first organisation and its admin on an empty database (filled in by issue 12). */
export function registerSetupCommand(_ctx: CommandContext): void {}
