/** Every benchmark `npm run bench` knows; later features add theirs here. */
import type { Benchmark } from './harness';
import { pdfImportBenchmark, segmentationBenchmark } from './suites/import';
import { httpTransportBenchmark } from './suites/transport';

export const benchmarks: Benchmark[] = [pdfImportBenchmark, segmentationBenchmark, httpTransportBenchmark];
