/** Entry of `npm run focal`; the logic is in run-cli.ts so tests can call it directly. */
import { runCli } from './run-cli';

process.exitCode = await runCli(process.argv.slice(2), (text) => console.log(text), (text) => console.error(text));
