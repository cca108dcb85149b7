import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

export default defineConfig({
	plugins: [sveltekit()],
	// duckdb-wasm ships its own workers and wasm; let Vite copy them as assets, not pre-bundle them.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	worker: { format: 'es' },
	build: { chunkSizeWarningLimit: 2000 },
	server: { fs: { allow: ['data-samples'] } }
});
