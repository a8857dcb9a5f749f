/**
 * After an import or a change of model, the graph takes in the changed documents in the background rather than
 * when the Graph screen is next opened (GraphState.catchUpInBackground says when that is worth it), with a
 * background task in the tray while it runs: gone once done, kept a while with its message if it failed.
 */
import type { TaskProgress } from '../../shared/contract';
import { toFocalError } from '../../shared/errors';
import type { GraphState } from './graph.svelte';
import type { TaskTray } from './tasks.svelte';

/** How long after an import (or a change of model) the graph starts taking in the changed documents: the report draws first. */
export const GRAPH_CATCH_UP_DELAY_MS = 1500;

export interface GraphCatchUpInput {
  graph: Pick<GraphState, 'catchUpInBackground'>;
  tasks: Pick<TaskTray, 'update'>;
  /** Whether an import runs: its end asks again, so the graph is not written under it at each import. */
  importing: () => boolean;
  /** After a catch-up that put documents into the graph (Focal's other windows are told). */
  caughtUp?: () => void;
  delayMs?: number;
}

/** What to call when documents changed: the catch-up starts `delayMs` after the last call. */
export function graphCatchUpSoon({ graph, tasks, importing, caughtUp = () => {}, delayMs = GRAPH_CATCH_UP_DELAY_MS }: GraphCatchUpInput): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let runs = 0;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (importing()) return;
      const task = { taskId: `graph-catch-up-${++runs}`, title: 'Updating the graph', unit: 'documents', background: true } as const;
      const show = (progress: Pick<TaskProgress, 'done' | 'total' | 'state' | 'message'>) => tasks.update({ ...task, ...progress }, { fromPage: true });
      graph
        .catchUpInBackground((done, total) => show({ done, total, state: 'running' }))
        .then((ran) => {
          if (!ran) return;
          show({ done: 1, total: 1, state: 'done' });
          caughtUp();
        })
        .catch((error: unknown) => show({ done: 0, total: null, state: 'failed', message: `The graph could not take in the changed documents: ${toFocalError(error).message}` }));
    }, delayMs);
  };
}
