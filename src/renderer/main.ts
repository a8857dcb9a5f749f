import { mount } from 'svelte';
import App from './App.svelte';
import { backupBeforeUpgrade } from './db/backup';
import { BackupsDb } from './db/focal-db';
import { createAppState } from './state/app-state';
import { connectToMain } from './transport/connect';
import './styles.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
const backupsDb = new BackupsDb();
// A newer Focal backs the library up as the older one left it before its schema upgrades it.
backupBeforeUpgrade(indexedDB, 'focal', backupsDb, () => crypto.randomUUID(), Date.now())
  .catch((error: unknown) => console.error('The backup before the upgrade failed', error))
  .finally(() => mount(App, { target, props: { app: createAppState(connectToMain(), backupsDb) } }));
