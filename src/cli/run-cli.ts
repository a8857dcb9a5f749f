/**
 * `npm run focal -- <command>`: the command line over the same core the app uses.
 * Results go to stdout (one JSON document with --json); failures exit non-zero with one line
 * `{"error":{"code","message"}}`.
 */
import { FocalError, toFocalError } from '../shared/errors';
import { JsonLines, type Command } from './cli-support';
import { commands } from './commands';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Focal — a study assistant that finds what matters in your notes.',
    '',
    'Usage: npm run focal -- <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Options:',
    '  --json   print the result as JSON (errors as {"error":{"code","message"}})',
    '  --help   show this help, or a command’s usage: focal <command> --help',
    '',
    'Tip: `npm run -s focal -- …` keeps npm’s own banner out of the output.',
  ].join('\n');
}

export async function runCli(argv: string[], out: (text: string) => void, err: (text: string) => void): Promise<number> {
  const json = argv.includes('--json');
  const args = argv.filter((arg) => arg !== '--json');
  try {
    const [name, ...rest] = args;
    if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
      out(json ? JSON.stringify({ commands: commands.map(({ name, usage, summary }) => ({ name, usage, summary })) }) : helpText());
      return 0;
    }
    const command: Command | undefined = commands.find((c) => c.name === name);
    if (!command) throw new FocalError('usage', `Unknown command “${name}”. Run \`npm run focal -- --help\` for the list.`);
    if (rest.includes('--help') || rest.includes('-h')) {
      out(json ? JSON.stringify({ name: command.name, usage: command.usage, summary: command.summary }) : `${command.usage}\n\n${command.summary}`);
      return 0;
    }
    const result = await command.run(rest);
    if (json && result instanceof JsonLines) out(result.lines.map((line) => JSON.stringify(line)).join('\n'));
    else out(json ? JSON.stringify(result) : command.describe(result as never));
    return 0;
  } catch (thrown) {
    const line = JSON.stringify({ error: toFocalError(thrown).toData() });
    if (json) out(line);
    else err(line);
    return 1;
  }
}
