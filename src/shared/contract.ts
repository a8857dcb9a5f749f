/**
 * The one contract between the renderer and main: every method the renderer may call and every event main
 * may send. The Electron preload and IPC handlers, the local web host and the typed client are all derived
 * from these lists; adding a method is a compile error until its schema and implementation exist.
 */
import { z } from 'zod';
import { methodNames, type EventName, type MethodName } from './channels';
import type { ParsedDocument } from './document';
import type { AnkiLibraryImport } from '../core/interop/anki-library';

export * from './channels';

/** The largest file the renderer may hand to main in one call. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

const fileName = z.string().min(1).max(1024);
const taskId = z.string().min(1).max(128);

const transportKind = z.enum(['ipc', 'http']);
export type TransportKind = z.infer<typeof transportKind>;

/** Progress of long work in main; `done`/`total` are in `unit`s, `total` is null while unknown. */
const taskProgress = z.strictObject({
  taskId,
  title: z.string(),
  unit: z.enum(['bytes', 'pages', 'chapters', 'paragraphs', 'sentences', 'documents', 'cards', 'steps']),
  done: z.number().nonnegative(),
  total: z.number().nonnegative().nullable(),
  // `asking`: it stopped to ask the person something (a PDF's password) and will be run again with the answer.
  state: z.enum(['running', 'done', 'failed', 'cancelled', 'asking']),
  message: z.string().optional(),
  /** Work the person did not ask for (reading ahead for a retrain): shown while it runs or if it fails, not once done. */
  background: z.boolean().optional(),
  /** The contract method whose call runs it: how a view finds its own task (the retrain panel, main's retrain), whatever its title says. */
  method: z.enum(methodNames).optional(),
});
export type TaskProgress = z.infer<typeof taskProgress>;

const cardMemory = z.strictObject({
  state: z.enum(['new', 'learning', 'review', 'relearning']),
  due: z.number(),
  stability: z.number(),
  difficulty: z.number(),
  scheduledDays: z.number(),
  learningSteps: z.number(),
  reps: z.number(),
  lapses: z.number(),
  lastReview: z.number().nullable(),
});

/** The review log as the renderer stores it: answers, resets, and the undo markers that cancel them. */
const logEntry = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('review'),
    id: z.string().max(200),
    cardId: z.string().max(200),
    time: z.number(),
    rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
    elapsedMs: z.number().nonnegative(),
    before: cardMemory,
    after: cardMemory,
  }),
  z.strictObject({ kind: z.literal('undo'), id: z.string().max(200), cardId: z.string().max(200), time: z.number(), undoes: z.string().max(200) }),
  z.strictObject({ kind: z.literal('reset'), id: z.string().max(200), cardId: z.string().max(200), time: z.number(), before: cardMemory, after: cardMemory }),
]);

const evaluation = z.object({ logLoss: z.number(), rmse: z.number() });

const text = z.string().max(100_000);
/** A stored card as an export needs it: what it asks, where it came from, and its schedule. */
const studyCard = z.strictObject({
  id: z.string().max(200),
  documentId: z.string().max(200),
  sentenceId: z.string().max(200),
  key: z.string().max(400),
  kind: z.enum(['cloze', 'qa']),
  manual: z.boolean(),
  prompt: text,
  answer: text,
  sentence: text,
  context: z.array(z.string().max(2000)).max(64),
  leadIn: text.optional(),
  concept: z.string().max(2000).nullable(),
  salience: z.number(),
  createdAt: z.number(),
  suspended: z.boolean(),
  ...cardMemory.shape,
});

/** Stored documents sent back to main to be read again: their text and sentences with ids and offsets. */
const storedDocuments = z
  .array(
    z.strictObject({
      id: z.string().max(200),
      text: z.string(),
      sentences: z.array(z.strictObject({ id: z.string().max(200), text: z.string(), section: z.array(z.string()), start: z.number(), end: z.number() })),
    }),
  )
  .max(100_000);

const learnedSummary = z.object({
  words: z.array(z.string()),
  moreWeight: z.array(z.string()),
  lessWeight: z.array(z.string()),
});
export type LearnedSummaryData = z.infer<typeof learnedSummary>;

export const methods = {
  /** What is running: version, platform and which transport carried this call. */
  'app.info': {
    input: z.strictObject({}),
    output: z.object({
      name: z.string(),
      version: z.string(),
      platform: z.string(),
      runtime: z.string(),
      transport: transportKind,
    }),
  },
  /**
   * Reads one file (Markdown, text, PDF, HTML, DOCX, EPUB) into a document with sections and sentences,
   * then reads it with the attention model (key sentences, concepts), in a worker with progress, a time
   * limit and cancellation. Main stores nothing: the renderer does.
   */
  'library.parse': {
    input: z.strictObject({
      name: fileName,
      bytes: z.instanceof(Uint8Array),
      password: z.string().max(1024).optional(),
      /** The person's model parameters (params JSON), when they have retrained; the base model otherwise. */
      userParams: z.string().max(4_000_000).optional(),
      /** How many key sentences to choose; by default it grows with the document. */
      top: z.number().int().min(1).max(10_000).optional(),
    }),
    output: z.custom<ParsedDocument>(),
  },
  /**
   * Cards, with their schedule and the answers that count, as an Anki package (.apkg) in one deck. The file
   * comes back base64-encoded: the HTTP transport answers in JSON.
   */
  'interop.exportAnki': {
    input: z.strictObject({
      deckName: z.string().min(1).max(200),
      cards: z.array(z.strictObject({ card: studyCard, sourceTitle: z.string().max(2000), reviews: z.array(logEntry).max(100_000) })).max(1_000_000),
      /** The person's study day (day start hour, clock offset from UTC): Anki's due days are counted from it. */
      studyDay: z.strictObject({ startHour: z.number().int().min(0).max(23), utcOffsetMinutes: z.number().int().min(-840).max(840) }).optional(),
      /** The person's review settings, written as the deck's options. */
      schedule: z
        .strictObject({
          learningStepsMinutes: z.array(z.number().int().min(1).max(43_200)).max(10),
          relearningStepsMinutes: z.array(z.number().int().min(1).max(43_200)).max(10),
          newCardsPerDay: z.number().int().min(0).max(9999),
          reviewsPerDay: z.number().int().min(0).max(99_999),
          maximumIntervalDays: z.number().int().min(1).max(36_500),
          desiredRetention: z.number().min(0.7).max(0.99),
        })
        .optional(),
    }),
    output: z.object({ fileName: z.string(), base64: z.string(), cards: z.number(), reviews: z.number() }),
  },
  /**
   * Reads an Anki package (.apkg/.colpkg) into library records: a document per deck, its cards with Anki's
   * schedule, and their answers as review-log entries replayed under the person's scheduler settings.
   * Main stores nothing: the renderer adds what it does not have yet, in one transaction.
   */
  'interop.importAnki': {
    input: z.strictObject({ name: fileName, bytes: z.instanceof(Uint8Array), settings: z.record(z.string(), z.unknown()) }),
    output: z.custom<AnkiLibraryImport>(),
  },
  /** Where the attention model runs (GPU provider or CPU, and why not the GPU) and what it was fitted on. */
  'model.info': {
    input: z.strictObject({}),
    output: z.object({
      provider: z.string(),
      gpuUnavailableReason: z.string().nullable(),
      vocabularySize: z.number(),
      featureNames: z.array(z.string()),
    }),
  },
  /** Re-reads stored documents with the given parameters: each document's key sentences and their salience. */
  'model.rescore': {
    input: z.strictObject({
      documents: storedDocuments,
      userParams: z.string().max(4_000_000).nullable(),
    }),
    output: z.array(
      z.object({
        documentId: z.string(),
        selected: z.array(z.string()),
        salience: z.array(z.number()),
        /** For each selected sentence (same order): the attention each of its words got, for "why this sentence?". */
        why: z.array(z.array(z.object({ token: z.string(), weight: z.number() }))),
      }),
    ),
  },
  /**
   * Reads documents ahead of a retrain (the app asks when the person opens "Your model"), so that pressing
   * "Retrain my model" only trains: the retrain worker keeps each reading until the document changes.
   */
  'model.prepareRetrain': {
    input: z.strictObject({ documents: storedDocuments }),
    output: z.object({ read: z.number(), alreadyRead: z.number() }),
  },
  /**
   * "Retrain my model": the person's documents, what they did about sentences and how their cards went
   * become rewards that retrain their parameters (REINFORCE with a pull to the base); the answer carries the
   * new parameters and a held-out check of old against new. Main keeps nothing: the renderer stores versions.
   */
  'model.retrain': {
    input: z.strictObject({
      documents: storedDocuments,
      events: z.array(z.strictObject({ kind: z.enum(['card-deleted', 'card-suspended', 'card-made-by-hand', 'card-edited', 'candidate-dismissed', 'candidate-accepted']), sentenceId: z.string().max(200), time: z.number() })).max(5_000_000),
      histories: z.array(z.strictObject({ sentenceId: z.string().max(200), reviews: z.array(z.strictObject({ rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]), time: z.number() })) })).max(5_000_000),
      /**
       * The person's retrained parameters in use (params JSON) and when the feedback they learned from ended;
       * null while the shipped base is in use. Training always starts from the base (it sees every event
       * again); these are what the new parameters must beat, judged on feedback newer than `trainedAt`.
       */
      inUse: z.strictObject({ params: z.string().max(4_000_000), trainedAt: z.number() }).nullable(),
      seed: z.number().int(),
    }),
    output: z.object({
      params: z.string(),
      rewardedSentences: z.number(),
      eventsUsed: z.number(),
      heldOut: z.object({ before: z.number().nullable(), after: z.number().nullable(), pairs: z.number(), documents: z.number() }),
      better: z.boolean(),
      /**
       * The new parameters score every sentence of the rewarded documents as the shipped model does: the feedback
       * gave nothing to learn yet (only verdicts of one kind, say), and no version is worth adding.
       */
      learnedNothing: z.boolean(),
      /** What the new parameters learned, in words (core/training/describe-learned.ts). */
      learned: learnedSummary,
    }),
  },
  /**
   * "Optimise my schedule": fits FSRS parameters to the person's review log (fsrs-rs, native, so it runs in
   * main), compares old and new on the log, and says plainly when there is too little history.
   */
  'schedule.optimise': {
    input: z.strictObject({
      log: z.array(logEntry).max(5_000_000),
      settings: z.record(z.string(), z.unknown()),
      currentWeights: z.array(z.number()).min(17).max(21).nullable(),
    }),
    output: z.object({
      kind: z.enum(['too-little-history', 'improved', 'kept-current']),
      message: z.string(),
      trainingReviews: z.number(),
      weights: z.array(z.number()).optional(),
      current: evaluation.optional(),
      candidate: evaluation.optional(),
    }),
  },
  /** Asks a running task to stop; resolves whether a task of that id was running. */
  'tasks.cancel': {
    input: z.strictObject({ taskId }),
    output: z.object({ cancelled: z.boolean() }),
  },
} satisfies Record<MethodName, { input: z.ZodType; output: z.ZodType }>;

export const events = {
  'task.progress': taskProgress,
} satisfies Record<EventName, z.ZodType>;

export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
/** The input after validation, as an implementation receives it. */
export type ValidInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the renderer sees: one async function per method. */
export type FocalApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };
