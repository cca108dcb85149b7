import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';

const types: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.mjs': 'text/javascript',
	'.css': 'text/css',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.json': 'application/json',
	'.csv': 'text/csv',
	'.png': 'image/png',
	'.woff2': 'font/woff2'
};

/** Serve the built app from a folder on 127.0.0.1, falling back to index.html as a static host would. */
export async function serveBuild(
	root = resolve('build')
): Promise<{ url: string; server: Server }> {
	const server = createServer(async (req, res) => {
		const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
		let file = join(root, path);
		if (!file.startsWith(root)) {
			res.writeHead(403).end();
			return;
		}
		const info = await stat(file).catch(() => null);
		if (!info || info.isDirectory()) file = join(root, 'index.html');
		const body = await readFile(file);
		res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
		res.end(body);
	});
	await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return { url: `http://127.0.0.1:${port}`, server };
}
