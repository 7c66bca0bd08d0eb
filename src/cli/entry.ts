import { runCli } from './main.js';

const code = await runCli(process.argv.slice(2));
// `serve` keeps running; every other command ends here.
if (code !== 0 || process.argv[2] !== 'serve') process.exitCode = code;
