/**
 * Main's services: the implementation of the contract, free of Electron so that the desktop app, the
 * local web host and the tests all run the very same code.
 */
import { MAX_FILE_BYTES } from '../../shared/contract';
import { FocalError } from '../../shared/errors';
import { FEATURE_NAMES } from '../../core/extraction/sentence-features';
import { RetrainRunner } from '../training/retrain-runner';
import { optimiseParameters } from '../../core/scheduling/optimise';
import { AnkiRunner } from '../interop/anki-runner';
import { validateSchedulerSettings } from '../../core/scheduling/scheduler-settings';
import { keptModel } from '../attention/attention-model';
import { ParseRunner } from '../import/parse-runner';
import type { ServiceImpl } from './dispatch';
import type { EventListener } from './event-hub';
import { TaskRegistry } from './tasks';

export interface ServiceDeps {
  version: string;
  platform: string;
  runtime: string;
  emit: EventListener;
  newId: () => string;
  /** The clock (epoch ms); Date.now unless a test passes its own. */
  now?: () => number;
  /** Where the built model files are (models/ in the repo or the packaged app). */
  modelsDir: string;
}

export interface MainServices {
  impl: ServiceImpl;
  tasks: TaskRegistry;
  /** Stops the workers; call on shutdown. */
  close(): Promise<void>;
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

/** A file's name without its folders, as titles and messages show it; refuses one over MAX_FILE_BYTES. */
function acceptedFileName(name: string, bytes: Uint8Array): string {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw new FocalError('too-large', `“${name}” is ${formatMiB(bytes.byteLength)}; Focal reads files up to ${formatMiB(MAX_FILE_BYTES)}.`);
  }
  return name.split(/[\\/]/).pop() ?? name;
}

/** The scheduler settings the renderer sent, or an invalid-payload error naming what is wrong with them. */
function checkedSchedulerSettings(settings: unknown) {
  const checked = validateSchedulerSettings(settings);
  if (!checked.ok) throw new FocalError('invalid-payload', checked.issues.map((issue) => issue.message).join('; '));
  return checked.settings;
}

export function createServices(deps: ServiceDeps): MainServices {
  const tasks = new TaskRegistry((progress) => deps.emit('task.progress', progress), deps.newId);
  const parser = new ParseRunner();
  const now = deps.now ?? Date.now;
  // Loaded on first use, only to say where the model runs; the parse worker keeps its own copy for the work.
  const model = keptModel();
  const trainer = new RetrainRunner(deps.modelsDir);
  const anki = new AnkiRunner();

  const impl: ServiceImpl = {
    'app.info': async (_input, context) => ({
      name: 'Focal',
      version: deps.version,
      platform: deps.platform,
      runtime: deps.runtime,
      transport: context.transport,
    }),

    'library.parse': async ({ name, bytes, password, userParams, top }) => {
      const displayName = acceptedFileName(name, bytes);
      return tasks.run(`Reading ${displayName}`, 'bytes', bytes.byteLength, (task) =>
        parser.parse({ name, bytes, ...(password !== undefined ? { password } : {}) }, task, {
          modelsDir: deps.modelsDir,
          ...(userParams !== undefined ? { userParams } : {}),
          ...(top !== undefined ? { top } : {}),
        }),
        { method: 'library.parse' },
      );
    },

    'interop.exportAnki': async ({ deckName, cards, studyDay, schedule }) =>
      tasks.run('Exporting to Anki', 'cards', null, async (task) => {
        const { bytes, reviews } = await anki.export({ deckName, now: now(), cards, ...(studyDay ? { studyDay } : {}), ...(schedule ? { schedule } : {}) }, task);
        const day = new Date(now()).toISOString().slice(0, 10);
        return {
          fileName: `${deckName.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'Focal'} ${day}.apkg`,
          base64: Buffer.from(bytes).toString('base64'),
          cards: cards.length,
          reviews,
        };
      }, { method: 'interop.exportAnki' }),

    'interop.importAnki': async ({ name, bytes, settings }) => {
      const displayName = acceptedFileName(name, bytes);
      // A zip is checked for being an Anki collection inside; anything else is not a damaged package but another kind of file.
      const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b;
      if (!isZip && !/\.(apkg|colpkg)$/i.test(displayName)) {
        throw new FocalError('unsupported-format', `“${displayName}” is not an Anki package: Anki exports decks as .apkg files (File → Export).`);
      }
      const schedulerSettings = checkedSchedulerSettings(settings);
      // The worker says nothing until it is done: a bar that moves without a fill, not "0 B of 2 MB".
      return tasks.run(`Reading ${displayName}`, 'bytes', null, (task) => anki.import(bytes, displayName, now(), schedulerSettings, task), { method: 'interop.importAnki' });
    },

    'model.info': async () => {
      const loaded = await model.get(deps.modelsDir);
      return {
        provider: loaded.provider,
        gpuUnavailableReason: loaded.session.gpuUnavailableReason,
        vocabularySize: loaded.table.size,
        featureNames: [...FEATURE_NAMES],
      };
    },

    'schedule.optimise': async ({ log, settings, currentWeights }) => {
      const schedulerSettings = checkedSchedulerSettings(settings);
      return tasks.run('Optimising your schedule', 'steps', null, async () => {
        const result = await optimiseParameters(log, schedulerSettings, currentWeights ? { currentWeights } : {});
        if (result.kind === 'too-little-history') return { kind: result.kind, message: result.message, trainingReviews: result.trainingReviews };
        return {
          kind: result.kind,
          message: result.message,
          trainingReviews: result.trainingReviews,
          weights: result.weights,
          current: { logLoss: result.current.logLoss, rmse: result.current.rmse },
          candidate: { logLoss: result.candidate.logLoss, rmse: result.candidate.rmse },
        };
      }, { method: 'schedule.optimise' });
    },

    'model.rescore': async (request) => tasks.run('Re-reading your documents', 'documents', request.documents.length, (task) => trainer.rescore(request, task), { method: 'model.rescore' }),

    'model.prepareRetrain': async (request) => tasks.run('Preparing your model', 'documents', request.documents.length, (task) => trainer.prepare(request, task), { background: true, method: 'model.prepareRetrain' }),

    'model.retrain': async (request) => tasks.run('Retraining your model', 'documents', null, (task) => trainer.retrain(request, task), { method: 'model.retrain' }),

    'tasks.cancel': async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
  };

  return {
    impl,
    tasks,
    close: async () => {
      await Promise.all([parser.close(), trainer.close(), anki.close()]);
      await (await model.loaded()?.catch(() => undefined))?.release();
    },
  };
}
