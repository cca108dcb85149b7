/** Save a blob as a file the browser downloads (no request leaves the page). */
export function downloadBlob(name: string, blob: Blob) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
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
		return await new Promise((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no PNG'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
