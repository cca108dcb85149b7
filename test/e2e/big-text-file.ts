import type { Page } from 'playwright-core';

// A large referrals export built inside the page (tens or hundreds of MB never cross the test's
// connection to the browser), in Windows-1252 or UTF-8, dropped on the drop zone as a user would.
// Practices and notes hold ’, é and –, which Windows-1252 writes as 0x92, 0xE9 and 0x96; one
// note holds a quoted line break, so the file is not plain and is split record by record. The
// page records every "Reading …: N%" step it shows, and the longest gap between ticks of a 20 ms
// interval (a page that froze would miss them).

/** What the page saw while the file was read. */
export interface Watched {
	percents: number[];
	longestGapMs: number;
	ticks: number;
}

/** Build the file in the page, start watching, and drop it. */
export async function dropBigFile(page: Page, options: BigFile): Promise<void> {
	await makeBigFile(page, options);
	await dropMadeFile(page);
}

/** A file to make: its name, encoding, rows, and whether one note breaks a line (default yes). */
export interface BigFile {
	name: string;
	encoding: 'windows-1252' | 'utf-8';
	rows: number;
	irregular?: boolean;
}

/** Build the file in the page (kept as `window.__bigFile`), before anything is watched. */
export async function makeBigFile(page: Page, options: BigFile): Promise<void> {
	await page.evaluate(({ name, encoding, rows, irregular = true }) => {
		const practices = ['St Mary’s Surgery', 'Café Road Practice', 'Hill – View Medical'];
		const services = ['Link workers', 'Wellbeing café'];
		const lines = ['Referral ID,Person ID,Date of referral,Practice,Service,Notes'];
		for (let i = 0; i < rows; i++) {
			const date = `${String((i % 28) + 1).padStart(2, '0')}/${String((i % 12) + 1).padStart(2, '0')}/2024`;
			const note =
				irregular && i === 7
					? '"Seen twice:\r\nfirst at the café"'
					: 'Met at the café – went to the walking group’s first session';
			lines.push(`R${i},P${i % 50_000},${date},${practices[i % 3]},${services[i % 2]},${note}`);
		}
		const text = lines.join('\r\n') + '\r\n';
		let bytes: Uint8Array<ArrayBuffer>;
		if (encoding === 'utf-8') bytes = new TextEncoder().encode(text);
		else {
			const high: Record<string, number> = { '’': 0x92, é: 0xe9, '–': 0x96 };
			bytes = new Uint8Array(text.length);
			for (let i = 0; i < text.length; i++) {
				const c = text.charCodeAt(i);
				bytes[i] = c < 0x80 ? c : high[text[i]];
			}
		}
		(window as unknown as { __bigFile: File }).__bigFile = new File([bytes], name, {
			type: 'text/csv'
		});
	}, options);
}

/** Start watching the page and drop the file made by `makeBigFile`. */
export async function dropMadeFile(page: Page): Promise<void> {
	await page.evaluate(() => {
		const watched = { percents: [] as number[], longestGapMs: 0, ticks: 0 };
		(window as unknown as { __watched: typeof watched }).__watched = watched;
		let last = performance.now();
		const timer = setInterval(() => {
			const now = performance.now();
			watched.longestGapMs = Math.max(watched.longestGapMs, now - last);
			watched.ticks++;
			last = now;
		}, 20);
		const seen = () => {
			for (const m of document.body.innerText.matchAll(/Reading [^\n]*?: (?:decoded )?(\d+)%/g)) {
				const p = Number(m[1]);
				if (watched.percents.at(-1) !== p) watched.percents.push(p);
			}
		};
		const observer = new MutationObserver(seen);
		observer.observe(document.body, { subtree: true, childList: true, characterData: true });
		(window as unknown as { __stopWatching: () => void }).__stopWatching = () => {
			clearInterval(timer);
			observer.disconnect();
		};
		const transfer = new DataTransfer();
		transfer.items.add((window as unknown as { __bigFile: File }).__bigFile);
		const zone = document.querySelector('[data-testid="drop-zone"]')!;
		zone.dispatchEvent(
			new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true })
		);
		zone.dispatchEvent(
			new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true })
		);
	});
}

/** Stop watching and read what the page saw. */
export async function watched(page: Page): Promise<Watched> {
	return page.evaluate(() => {
		const w = window as unknown as { __watched: Watched; __stopWatching: () => void };
		w.__stopWatching();
		return w.__watched;
	});
}
