/**
 * A drawn chart as one image for assistive technology (WCAG 1.1.1, 4.1.2): the root gets
 * role="img" and the text alternative; the names Plot gives its marks ("bar", "rule", "tip") move
 * from `aria-label`, which ARIA forbids on an SVG `g` without a role, to `data-mark`, where tests
 * and styles can still find them. Plot's pointer redraws the tip on hover, so later marks are
 * renamed as they arrive. Returns a function that stops watching.
 */
export function asChartImage(chart: Element, label: string): () => void {
	const rename = nameAsImage(chart, label);
	const observer = new MutationObserver((records) => {
		for (const r of records)
			for (const node of r.addedNodes) if (node instanceof Element) rename(node);
	});
	observer.observe(chart, { childList: true, subtree: true });
	return () => observer.disconnect();
}

/** A figure's text alternative: its title, what it shows and its n. */
export const chartLabel = (view: { title: string; sentence: string; n: string }) =>
	`${view.title}. ${view.sentence} n = ${view.n}.`;

/**
 * Name a drawn chart as one image, once (a chart that will not redraw: the report's); returns
 * the renaming, for marks added later.
 */
export function nameAsImage(chart: Element, label: string): (el: Element) => void {
	chart.setAttribute('role', 'img');
	chart.setAttribute('aria-label', label);
	const rename = (el: Element) => {
		for (const node of [el, ...el.querySelectorAll('[aria-label], [aria-description]')]) {
			if (node === chart) continue;
			const name = node.getAttribute('aria-label');
			if (name !== null) node.setAttribute('data-mark', name);
			node.removeAttribute('aria-label');
			node.removeAttribute('aria-description');
		}
	};
	rename(chart);
	return rename;
}
