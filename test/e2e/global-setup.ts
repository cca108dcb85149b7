import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.ts';
import { serveBuild } from './server.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		appUrl: string;
	}
}

/** Before the browser tests: Chromium present, the built app served on 127.0.0.1. */
export default async function setup(project: TestProject) {
	ensureChromium();
	if (!existsSync('build/index.html'))
		throw new Error('no build/: run `vite build` first (npm run test:e2e does)');
	const { url, server } = await serveBuild();
	project.provide('appUrl', url);
	return () => new Promise<void>((done) => server.close(() => done()));
}
