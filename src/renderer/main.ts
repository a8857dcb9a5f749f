import { mount } from 'svelte';
import App from './App.svelte';
import { backupBeforeUpgrade } from './db/backup';
import { BackupsDb } from './db/focal-db';
import { createAppState } from './state/app-state';
import { connectToMain, webClient } from './transport/connect';
import { FocalError } from '../shared/errors';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const connection = connectToMain();
let client = connection.client;

/** Why the web host refuses `candidate` (its message), or undefined when it answers (or is not the web host). */
async function refusalOf(candidate: typeof client): Promise<string | undefined> {
  if (candidate.transport !== 'http') return undefined;
  try {
    await candidate.api['app.info']({});
    return undefined;
  } catch (error) {
    return error instanceof FocalError && error.code === 'unauthorized' ? error.message : undefined;
  }
}

/**
 * In a browser, a page without this launch's key gets the host's refusal in place of the app. A key the address
 * handed over is kept only once accepted; refused, the key kept before is tried (a stale or made-up link).
 */
async function refusal(): Promise<string | undefined> {
  const refused = await refusalOf(client);
  const webKey = connection.webKey;
  if (!refused) {
    webKey?.keep();
    return undefined;
  }
  if (webKey?.kept === undefined) return refused;
  const fallback = webClient(webKey.kept);
  if (await refusalOf(fallback)) return refused;
  client = fallback;
  return undefined;
}

function showRefusal(target: HTMLElement, message: string): void {
  const main = document.createElement('main');
  main.className = 'refused';
  const heading = document.createElement('h1');
  heading.textContent = 'Focal';
  const text = document.createElement('p');
  text.setAttribute('role', 'alert');
  text.textContent = message;
  main.append(heading, text);
  target.replaceChildren(main);
}

void refusal().then((refused) => {
  if (refused) return showRefusal(target, refused);
  const backupsDb = new BackupsDb();
  // A newer Focal backs the library up as the older one left it before its schema upgrades it.
  backupBeforeUpgrade(indexedDB, 'focal', backupsDb, () => crypto.randomUUID(), Date.now())
    .catch((error: unknown) => console.error('The backup before the upgrade failed', error))
    .finally(() => mount(App, { target, props: { app: createAppState(client, backupsDb) } }));
});
