import type { Db } from './types.ts';

let pending: Promise<Db> | undefined;

/** The page's one database: started on first call (at page mount), shared after. */
export function getDb(): Promise<Db> {
	pending ??= import('./wasm.ts').then((m) => m.createWasmDb());
	pending.catch(() => (pending = undefined));
	return pending;
}
