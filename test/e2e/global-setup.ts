import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureChromium } from './chromium.ts';
import { serveBuild } from './server.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		appUrl: string;
	}
}

/**
 * Before the browser tests: Chromium present, the built app served on 127.0.0.1. SP_E2E_BUILD
 * names another folder holding a build (a copy kept still while build/ is being rebuilt).
 */
export default async function setup(project: TestProject) {
	ensureChromium();
	const root = resolve(process.env.SP_E2E_BUILD ?? 'build');
	if (!existsSync(join(root, 'index.html')))
		throw new Error(`no build in ${root}: run \`vite build\` first (npm run test:e2e does)`);
	const { url, server } = await serveBuild(root);
	project.provide('appUrl', url);
	return () => new Promise<void>((done) => server.close(() => done()));
}
