import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { chartsDrawn, slow } from './helpers.ts';

/** The WCAG 2.2 AA rule sets of axe-core (the NHS service standard's level). */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Best-practice rules the issue names on top of the WCAG ones. */
export const extraRules = ['heading-order'];

let source: string | undefined;
const axeSource = () =>
	(source ??= readFileSync(resolve('node_modules/axe-core/axe.min.js'), 'utf8'));

/** One axe-core violation, as the test prints it: rule, help and the first nodes it found. */
export interface Violation {
	rule: string;
	impact: string | null;
	help: string;
	nodes: string[];
}

/**
 * Run axe-core (node_modules/axe-core, evaluated in the page) on the whole page with the WCAG
 * 2.2 A and AA rules and the extra rules above; every violation, with up to 5 nodes each.
 */
export async function axeViolations(page: Page): Promise<Violation[]> {
	// Evaluated through the DevTools protocol: the app's Content-Security-Policy (rightly) refuses
	// an injected <script>, so addScriptTag cannot be used.
	const loaded = await page.evaluate(() => 'axe' in window);
	if (!loaded) await page.evaluate(axeSource());
	return page.evaluate(
		async ({ tags, rules }) => {
			type Result = {
				violations: {
					id: string;
					impact: string | null;
					help: string;
					nodes: { target: unknown[]; failureSummary?: string }[];
				}[];
			};
			const axe = (window as unknown as { axe: { run: (...a: unknown[]) => Promise<Result> } }).axe;
			const byTag = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
			const byRule = await axe.run(document, { runOnly: { type: 'rule', values: rules } });
			return [...byTag.violations, ...byRule.violations].map((v) => ({
				rule: v.id,
				impact: v.impact,
				help: v.help,
				nodes: v.nodes
					.slice(0, 5)
					.map((n) => `${n.target.join(' ')}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`)
			}));
		},
		{ tags: wcagTags, rules: extraRules }
	);
}

/**
 * Every page of the app, by its link in the "Pages" navigation. Adding a page to the test is one
 * line here (`figures`: the page draws catalogue figure cards, one of which gets its table open).
 */
export const appPages: { link: string; path: string; figures: boolean; ready?: string }[] = [
	{ link: 'Load data', path: '/', figures: false },
	{ link: 'Reach', path: '/reach', figures: true },
	{ link: 'Referrals', path: '/referrals', figures: true },
	{ link: 'Outcomes', path: '/outcomes', figures: true },
	{ link: 'Journeys', path: '/journeys', figures: true },
	{ link: 'Compare', path: '/compare', figures: true },
	{ link: 'Report', path: '/report', figures: false, ready: '[data-testid="report"] .report' },
	{ link: 'Export format', path: '/export-format', figures: false }
];

/** Go to a page by the navigation, as a user would (the data stays loaded), and wait for it. */
export async function visit(page: Page, target: (typeof appPages)[number]) {
	await page
		.getByRole('navigation', { name: 'Pages' })
		.getByRole('link', { name: target.link, exact: true })
		.click();
	await page.waitForURL((u) => u.pathname === target.path);
	if (target.figures) await chartsDrawn(page);
	if (target.ready) await page.locator(target.ready).waitFor(slow);
	else await page.getByRole('heading', { level: 1 }).first().waitFor(slow);
}
