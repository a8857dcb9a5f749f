/**
 * Which build of Focal this is: set when the renderer is built (electron.vite.config.ts), and the same for the
 * main process it ships with. A document records the build that read it; a file with the same bytes, at the
 * same path, read by the same build, would be read the same again, so an import can skip it (importer.svelte.ts).
 * Any other build may read it differently (a better PDF reader, the model's new words) and reads it again.
 */
declare const __FOCAL_BUILD__: string | undefined;

export const FOCAL_BUILD: string = typeof __FOCAL_BUILD__ === 'string' ? __FOCAL_BUILD__ : 'unbuilt';
