/** The model kept by main and its workers: a failed load is tried again, and damaged files say so. */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoModelsDir } from '../services/compose';
import { MODEL_FILES, keptModel } from './attention-model';

const dir = mkdtempSync(join(tmpdir(), 'focal-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the model main keeps', () => {
  it('is loaded again after a failed load, once its files are there, and says when they are damaged', async () => {
    const model = keptModel();
    await expect(model.get(dir)).rejects.toMatchObject({ code: 'not-found' });
    for (const file of Object.values(MODEL_FILES)) copyFileSync(join(repoModelsDir(), file), join(dir, file));
    writeFileSync(join(dir, MODEL_FILES.head), '{}');
    await expect(model.get(dir)).rejects.toMatchObject({ code: 'malformed', message: expect.stringContaining('are damaged') });
    copyFileSync(join(repoModelsDir(), MODEL_FILES.head), join(dir, MODEL_FILES.head));
    const loaded = await model.get(dir);
    expect(loaded.table.size).toBeGreaterThan(0);
    // Kept: the same model the next time.
    expect(await model.get(dir)).toBe(loaded);
    await loaded.release();
  });
});
