/** Entry of `npm run focal`; the logic is in run-cli.ts so tests can call it directly. */
import { runCli } from './run-cli';

// Output piped into a reader that stops early (`| head`): the rest is not wanted, which is no failure.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

process.exitCode = await runCli(process.argv.slice(2), (text) => console.log(text), (text) => console.error(text));
