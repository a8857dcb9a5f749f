/**
 * Main's services: the implementation of the contract, free of Electron so that the desktop app, the
 * local web host and the tests all run the very same code.
 */
import { MAX_FILE_BYTES } from '../../shared/contract';
import { FocalError } from '../../shared/errors';
import { fingerprintBytes } from '../../core/files/fingerprint';
import type { ServiceImpl } from './dispatch';
import type { EventListener } from './event-hub';
import { TaskRegistry } from './tasks';

export interface ServiceDeps {
  version: string;
  platform: string;
  runtime: string;
  emit: EventListener;
  newId: () => string;
}

export interface MainServices {
  impl: ServiceImpl;
  tasks: TaskRegistry;
}

function formatMiB(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MiB`;
}

export function createServices(deps: ServiceDeps): MainServices {
  const tasks = new TaskRegistry((progress) => deps.emit('task.progress', progress), deps.newId);

  const impl: ServiceImpl = {
    'app.info': async (_input, context) => ({
      name: 'Focal',
      version: deps.version,
      platform: deps.platform,
      runtime: deps.runtime,
      transport: context.transport,
    }),

    'files.fingerprint': async ({ name, bytes }) => {
      if (bytes.byteLength > MAX_FILE_BYTES) {
        throw new FocalError('too-large', `“${name}” is ${formatMiB(bytes.byteLength)}; Focal reads files up to ${formatMiB(MAX_FILE_BYTES)}.`);
      }
      return tasks.run(`Reading ${name}`, 'bytes', bytes.byteLength, async (task) => {
        const { size, sha256 } = await fingerprintBytes(bytes, {
          onProgress: (done) => task.progress(done),
          checkpoint: () => task.checkpoint(),
        });
        return { name, size, sha256, taskId: task.id };
      });
    },

    'tasks.cancel': async ({ taskId }) => ({ cancelled: tasks.cancel(taskId) }),
  };

  return { impl, tasks };
}
