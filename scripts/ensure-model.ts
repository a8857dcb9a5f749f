/** Test setup: builds the model files when they are missing (a fresh clone whose install skipped it). */
import { buildModel } from './build-model';

export default async function ensureModel(): Promise<void> {
  await buildModel();
}
