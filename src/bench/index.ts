/** Every benchmark `npm run bench` knows; later features add theirs here. */
import type { Benchmark } from './harness';
import { fingerprintBenchmark } from './suites/fingerprint';
import { httpTransportBenchmark } from './suites/transport';

export const benchmarks: Benchmark[] = [fingerprintBenchmark, httpTransportBenchmark];
