/** Every benchmark `npm run bench` knows; later features add theirs here. */
import type { Benchmark } from './harness';
import { pdfImportBenchmark, segmentationBenchmark } from './suites/import';
import { graphBuildBenchmark } from './suites/graph';
import { statisticsBenchmark } from './suites/statistics';
import { graphFirstFrameBenchmark } from './suites/graph-view';
import { reviewAnswerBenchmark, reviewQueueBenchmark } from './suites/review';
import { bookMemoryBenchmark, extractionVsLexrankBenchmark, modelLoadBenchmark, modelScoreBenchmark } from './suites/model';
import { httpTransportBenchmark } from './suites/transport';
import { bookRetrainBenchmark, retrainBenchmark } from './suites/retrain';
import { rescoreBenchmark } from './suites/rescore';
import { libraryImportBenchmark } from './suites/library';

export const benchmarks: Benchmark[] = [
  pdfImportBenchmark,
  segmentationBenchmark,
  modelLoadBenchmark,
  modelScoreBenchmark,
  extractionVsLexrankBenchmark,
  bookMemoryBenchmark,
  retrainBenchmark,
  bookRetrainBenchmark,
  rescoreBenchmark,
  reviewQueueBenchmark,
  graphBuildBenchmark,
  libraryImportBenchmark,
  graphFirstFrameBenchmark,
  reviewAnswerBenchmark,
  statisticsBenchmark,
  httpTransportBenchmark,
];
