import type { Db } from '../db/types.ts';

/**
 * A MotherDuck database (`md:...`) needs DuckDB's motherduck extension. Extensions never download
 * here (auto-install and auto-load are off), so it is loaded only when asked for, and only if
 * already installed (`INSTALL motherduck` in a DuckDB of the same version). Untested here: this
 * machine cannot reach MotherDuck.
 */
export async function loadMotherDuck(db: Db, path: string): Promise<void> {
	if (!path.startsWith('md:')) return;
	await db.exec('LOAD motherduck');
}
