import type { BuildOptions } from 'esbuild';

/** The esbuild options every Node entry point of the build uses. */
export declare const common: BuildOptions;
