/** Save a blob as a file the browser downloads (no request leaves the page). */
export function downloadBlob(name: string, blob: Blob) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	// Long enough for a slow machine to start the download; the URL is freed with the page anyway.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Save text (CSV, JSON) as a file. */
export function downloadText(name: string, text: string, type = 'text/csv;charset=utf-8') {
	downloadBlob(name, new Blob([text], { type }));
}

/** A chart's SVG as standalone markup. */
export function svgMarkup(svg: SVGSVGElement): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('font-family', 'system-ui, sans-serif');
	return new XMLSerializer().serializeToString(copy);
}

/** A chart's SVG drawn to a PNG at twice its size, on white. */
export function svgToPng(svg: SVGSVGElement): Promise<Blob> {
	const { width, height } = svg.getBoundingClientRect();
	return svgTextToPng(svgMarkup(svg), width, height);
}

/** The bytes of a base64 data URL, as a blob of its type. */
export function dataUrlBlob(url: string): Blob {
	const [head, data] = url.split(',', 2);
	const type = /^data:([^;,]*)/.exec(head)?.[1] || 'application/octet-stream';
	const text = atob(data);
	const bytes = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
	return new Blob([bytes], { type });
}

/** Standalone SVG markup drawn to a PNG at twice the given size, on white. */
export async function svgTextToPng(markup: string, width: number, height: number): Promise<Blob> {
	const image = new Image();
	const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
	try {
		await new Promise((resolve, reject) => {
			image.onload = resolve;
			image.onerror = () => reject(new Error('could not draw the chart'));
			image.src = url;
		});
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(width * 2);
		canvas.height = Math.ceil(height * 2);
		const context = canvas.getContext('2d')!;
		context.fillStyle = '#fff';
		context.fillRect(0, 0, canvas.width, canvas.height);
		context.drawImage(image, 0, 0, canvas.width, canvas.height);
		// toDataURL encodes at once. Chromium's toBlob waits for an idle moment, about 1.1 s per
		// chart while the page is busy: the sample report's 34 charts took 44 s to a Word file.
		const png = dataUrlBlob(canvas.toDataURL('image/png'));
		if (png.size === 0) throw new Error('no PNG');
		return png;
	} finally {
		URL.revokeObjectURL(url);
	}
}
