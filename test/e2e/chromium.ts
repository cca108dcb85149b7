import { execSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium: the only browser the tests use; nothing downloads one. */
export const chromiumPath = '/usr/bin/chromium';

/** Install Debian's Chromium when it is missing, so a fresh machine passes. */
export function ensureChromium(): void {
	if (existsSync(chromiumPath)) return;
	console.log('Installing Debian chromium for the browser tests…');
	execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
		stdio: 'inherit'
	});
}

/**
 * A fresh headless Chromium with its own profile, recording every request to another host;
 * `locale` sets the browser's language (as a user's system would), e.g. `en-US`.
 */
export async function openBrowser(
	appUrl: string,
	options: { locale?: string } = {}
): Promise<{
	context: BrowserContext;
	page: Page;
	foreign: string[];
	close: () => Promise<void>;
}> {
	const profile = mkdtempSync(join(tmpdir(), 'sp-chromium-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromiumPath,
		headless: true,
		acceptDownloads: true,
		viewport: { width: 1280, height: 900 },
		...(options.locale ? { locale: options.locale } : {}),
		args: [
			...(options.locale ? [`--lang=${options.locale}`] : []),
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
	const own = new URL(appUrl).host;
	const foreign: string[] = [];
	context.on('request', (request) => {
		const url = new URL(request.url());
		if (['blob:', 'data:'].includes(url.protocol)) return;
		if (url.host !== own) foreign.push(request.url());
	});
	const page = context.pages()[0] ?? (await context.newPage());
	return {
		context,
		page,
		foreign,
		close: async () => {
			await context.close();
			rmSync(profile, { recursive: true, force: true });
		}
	};
}
