import type { CommandContext } from './common.js';

/** `keguan org add|list`: the organisations of a deployment (filled in by issue 12). */
export function registerOrgCommands(_ctx: CommandContext): void {}
